package dev.ironcliw.benchmarks.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ironcliw.benchmarks.support.BenchPipeline;
import dev.ironcliw.benchmarks.support.MemoryFloor;
import dev.ironcliw.benchmarks.support.PreloadedFrames;
import dev.ironcliw.benchmarks.support.StackJvm;
import dev.ironcliw.benchmarks.support.SyntheticSequence;
import dev.ironcliw.benchmarks.support.TempFiles;
import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.daemon.pipeline.Latency;
import dev.ironcliw.daemon.pipeline.PipelineAgent;
import dev.ironcliw.daemon.pipeline.PipelineStage;
import dev.ironcliw.daemon.pipeline.PipelineStats;
import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.RingGeometry;
import dev.ironcliw.vision.BatchFrame;
import dev.ironcliw.vision.VisionProvider;
import dev.ironcliw.vision.VisionStatus;
import dev.ironcliw.vision.image.FrameCrop;
import dev.ironcliw.vision.image.ImageEncoder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The end-to-end replay benchmark: a PNG sequence decoded into memory once, then pushed through the
 * daemon's real capture and pipeline agents (ring write and fingerprint, dedup verdict, tile diff,
 * changed regions, features, images of CHANGE frames, journal) as fast as they go, both driven on
 * this one thread so each frame's CPU time is measured alone. A CHANGE frame's images are copied on
 * the pipeline's images thread, as in the daemon; their CPU is given apart. Batches the batcher
 * hands on are encoded as the vision dispatcher would (every image to PNG or JPEG, then base64),
 * timed apart: that work runs on the dispatcher's thread in the daemon. The default configuration
 * is used, with the CPU diff this machine selects, unless a config file is given.
 *
 * <p>Each resolution gets a warm-up pass over the whole sequence, then {@code passes} measured
 * passes, each with a fresh ring, journal and dedup history so every pass sees the sequence as new.
 * It prints per-frame CPU time by verdict and each stage's time (median, p95, p99), and the frame
 * thread's time as ratios to the memory floor ({@link MemoryFloor}, measured at each resolution in
 * the same run), and writes them to {@code replay.json}.
 *
 * <pre>./ironcliw bench PipelineReplayRun \
 *     [pngDir|synthetic] [resolutions=1920x1080,5120x2880] [passes=3] [outputDir=target/replay] \
 *     [damage=none,derived] [config.yaml]
 * </pre>
 */
public final class PipelineReplayRun {
  /** What each frame is timed by: the capture agent's two steps, then the pipeline's. */
  enum Stage {
    /** The grab and the copy into the slot, hashed as it is copied. */
    RING_WRITE,
    /**
     * The rest of the capture step: the fingerprint of a source that draws its frame (not this
     * one's), the comparison with the previous frame, the event to the pipeline.
     */
    CAPTURE_REST,
    DIFF,
    VERDICT,
    FEATURES,
    JOURNAL
  }

  private static final Map<Stage, PipelineStage> PIPELINE_STAGES =
      Map.of(
          Stage.DIFF, PipelineStage.DIFF,
          Stage.VERDICT, PipelineStage.VERDICT,
          Stage.FEATURES, PipelineStage.FEATURES,
          Stage.JOURNAL, PipelineStage.JOURNAL);

  /** Frames held in memory at most: a 5120x2880 frame is 59 MB. */
  private static final long MAX_FRAME_BYTES = 8L << 30;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.ThreadMXBean ALLOCATIONS =
      (com.sun.management.ThreadMXBean) THREADS;
  private static final int WARM_UP_PASSES = 3;
  private static final int FLOOR_REPETITIONS = 31;

  /** The diff engine's worker threads of the current pass, once started. */
  private static long[] diffWorkerIds;

  /** One frame's figures: its verdict, its CPU time on the frame thread, each stage's time. */
  record FrameCost(
      long seq,
      Verdict verdict,
      long cpuNanos,
      long pipelineCpuNanos,
      long allocatedBytes,
      EnumMap<Stage, Long> stageNanos) {}

  /** A CHANGE frame with at most this share of its tiles changed is a small change (typing). */
  private static final double SMALL_CHANGE_SHARE = 0.01;

  private PipelineReplayRun() {}

  public static void main(String[] args) throws Exception {
    StackJvm.relaunchUnlessReady(
        PipelineReplayRun.class, args, List.of("-XX:MaxDirectMemorySize=12g", "-Xmx2g"));
    String input = args.length > 0 ? args[0] : "synthetic";
    String resolutions = args.length > 1 ? args[1] : "1920x1080,5120x2880";
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path out = Files.createDirectories(Path.of(args.length > 3 ? args[3] : "target/replay"));
    Path frames =
        input.equals("synthetic")
            ? SyntheticSequence.write(out.resolve("synthetic-frames"), 1920, 1080)
            : Path.of(input);
    String damageModes = args.length > 4 ? args[4] : "none,derived";
    IroncliwConfig config =
        args.length > 5
            ? ConfigLoader.forThisMachine().load(Path.of(args[5]), true, Map.of())
            : ConfigLoader.forThisMachine().parse("{}\n", "defaults", Map.of());
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("input", frames.toString());
    results.put("machine", machine());
    for (String resolution : resolutions.split(",")) {
      String[] size = resolution.trim().split("x");
      int width = Integer.parseInt(size[0]);
      int height = Integer.parseInt(size[1]);
      PreloadedFrames source = new PreloadedFrames(frames, width, height, MAX_FRAME_BYTES);
      MemoryFloor floor = measureFloor(width, height, out, results, resolution.trim());
      try {
        for (String damage : damageModes.split(",")) {
          boolean derived = damage.trim().equals("derived");
          source.reportDamage(derived);
          String name = width + "x" + height + (derived ? "-damage" : "");
          results.put(name, run(config, source, name, passes, out, floor));
        }
      } finally {
        source.release();
      }
    }
    Path json = out.resolve("replay.json");
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(json.toFile(), results);
    System.out.println("written: " + json);
  }

  /**
   * The C floor at this resolution, printed and kept in the results; null, with the reason printed
   * and kept, when it cannot be measured here (no C compiler).
   */
  private static MemoryFloor measureFloor(
      int width, int height, Path out, Map<String, Object> results, String resolution) {
    try {
      MemoryFloor floor = MemoryFloor.measure(width, height, FLOOR_REPETITIONS, out);
      System.out.printf(
          Locale.ROOT,
          "%nfloor at %s (C, gcc -O3 -march=native, median of %d): memcpy %.3f ms, absdiff %.3f"
              + " ms%n",
          resolution,
          FLOOR_REPETITIONS,
          floor.memcpyNanos() / 1e6,
          floor.absdiffNanos() / 1e6);
      results.put(
          "floor-" + resolution,
          Map.of(
              "memcpyMicros",
              round(floor.memcpyNanos() / 1000.0),
              "absdiffMicros",
              round(floor.absdiffNanos() / 1000.0)));
      return floor;
    } catch (IOException e) {
      System.out.println("floor at " + resolution + " not measured: " + e.getMessage());
      results.put("floor-" + resolution, Map.of("notMeasured", String.valueOf(e.getMessage())));
      return null;
    }
  }

  private static Map<String, Object> run(
      IroncliwConfig config,
      PreloadedFrames source,
      String name,
      int passes,
      Path out,
      MemoryFloor floor)
      throws IOException {
    int width = source.maxWidth();
    int height = source.maxHeight();
    List<FrameCost> costs = new ArrayList<>();
    Map<FrameCost, Double> changedShares = new java.util.IdentityHashMap<>();
    List<Long> encodeNanosPerBatch = new ArrayList<>();
    List<Integer> framesPerBatch = new ArrayList<>();
    long keyframeCpuNanos = 0;
    long imagesCpuNanos = 0;
    long imagesOnFrameThread = 0;
    String diffBackend = "";
    Path ringDir = TempFiles.ringDirectory("ironcliw-replay");
    Path ringFile = ringDir.resolve("frames.ring");
    // One ring for every pass, as the daemon keeps one: its pages are touched once, not per pass.
    try (FrameRing ring =
        FrameRing.open(
            ringFile,
            RingGeometry.forBudget(config.memory().frameRingBytes(), width, height),
            OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      for (int pass = -WARM_UP_PASSES; pass < passes; pass++) {
        source.rewind();
        Pass result = Pass.run(config, source, ring, writer);
        diffBackend = result.diffBackend;
        if (pass < 0) {
          continue; // warm-up: the ring's pages are touched, the JIT compiles the frame path
        }
        costs.addAll(result.costs);
        for (FrameCost cost : result.costs) {
          Double share = result.changedShare.get(cost.seq);
          if (share != null) {
            changedShares.put(cost, share);
          }
        }
        encodeNanosPerBatch.addAll(result.encodeNanosPerBatch);
        framesPerBatch.addAll(result.framesPerBatch);
        keyframeCpuNanos += result.keyframeCpuNanos;
        imagesCpuNanos += result.imagesCpuNanos;
        imagesOnFrameThread += result.imagesOnFrameThread;
      }
    } finally {
      TempFiles.deleteTree(ringDir);
    }
    writeCsv(out.resolve("frames-" + name + ".csv"), costs, changedShares);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("frames", source.frameCount());
    summary.put("passes", passes);
    summary.put("diff", diffBackend);
    System.out.printf(
        Locale.ROOT,
        "%n%s: %d frames x %d passes after %d warm-up passes, diff %s, damage %s%n",
        name,
        source.frameCount(),
        passes,
        WARM_UP_PASSES,
        diffBackend,
        name.endsWith("-damage") ? "derived from the frames, as a compositor reports it" : "none");
    System.out.println("CPU time per frame on the frame thread, by verdict (microseconds)");
    System.out.printf(
        Locale.ROOT, "  %-10s %7s %9s %9s %9s%n", "verdict", "frames", "median", "p95", "p99");
    summary.put("cpuMicrosByVerdict", printByVerdict(costs, changedShares, FrameCost::cpuNanos));
    System.out.println(
        "Of it the pipeline's, capture excluded (the ring write and fingerprint are the capture"
            + " thread's)");
    summary.put(
        "pipelineCpuMicrosByVerdict",
        printByVerdict(costs, changedShares, FrameCost::pipelineCpuNanos));
    System.out.println("Heap allocated per frame on the frame thread, by verdict (bytes)");
    Map<String, Object> allocations = new LinkedHashMap<>();
    for (Verdict verdict : Verdict.values()) {
      long[] bytes =
          costs.stream()
              .filter(c -> c.verdict == verdict)
              .mapToLong(FrameCost::allocatedBytes)
              .sorted()
              .toArray();
      if (bytes.length > 0) {
        System.out.printf(
            Locale.ROOT,
            "  %-10s %7d %9d %9d %9d%n",
            verdict.name(),
            bytes.length,
            quantile(bytes, 0.5),
            quantile(bytes, 0.95),
            quantile(bytes, 0.99));
        allocations.put(verdict.name(), Map.of("median", quantile(bytes, 0.5)));
      }
    }
    summary.put("allocatedBytesByVerdict", allocations);
    System.out.println("Each stage, over the frames it ran for (microseconds, wall time)");
    System.out.printf(
        Locale.ROOT, "  %-10s %7s %9s %9s %9s%n", "stage", "frames", "median", "p95", "p99");
    Map<String, Object> byStage = new LinkedHashMap<>();
    for (Stage stage : Stage.values()) {
      long[] nanos =
          costs.stream()
              .map(c -> c.stageNanos.get(stage))
              .filter(n -> n != null)
              .mapToLong(Long::longValue)
              .toArray();
      if (nanos.length > 0) {
        byStage.put(stage.name().toLowerCase(Locale.ROOT), printRow(stageName(stage), nanos));
      }
    }
    summary.put("stageMicros", byStage);
    if (!encodeNanosPerBatch.isEmpty()) {
      System.out.println("Vision batch encoding (the dispatcher's thread in the daemon)");
      long[] perBatch = encodeNanosPerBatch.stream().mapToLong(Long::longValue).toArray();
      Map<String, Object> encode = printRow("per batch", perBatch);
      encode.put("framesPerBatchMedian", median(framesPerBatch));
      summary.put("encodeMicros", encode);
    }
    long measuredFrames = costs.size();
    double keyframeMicrosPerFrame = keyframeCpuNanos / 1000.0 / Math.max(1, measuredFrames);
    System.out.printf(
        Locale.ROOT,
        "Keyframes thread: %.1f us of CPU per frame on average%n",
        keyframeMicrosPerFrame);
    summary.put("keyframeCpuMicrosPerFrame", round(keyframeMicrosPerFrame));
    long changeFrames = costs.stream().filter(c -> c.verdict == Verdict.CHANGE).count();
    double imagesMicrosPerChange = imagesCpuNanos / 1000.0 / Math.max(1, changeFrames);
    System.out.printf(
        Locale.ROOT,
        "Images thread: %.1f us of CPU per CHANGE frame on average; %d of %d copied on the frame"
            + " thread (the images thread was behind)%n",
        imagesMicrosPerChange,
        imagesOnFrameThread,
        changeFrames);
    summary.put("imagesCpuMicrosPerChange", round(imagesMicrosPerChange));
    summary.put("imagesCopiedOnFrameThread", imagesOnFrameThread);
    if (floor != null) {
      summary.put("toFloor", printRatios(costs, floor));
    }
    return summary;
  }

  /** One pass over the sequence with fresh state. */
  private static final class Pass {
    final List<FrameCost> costs = new ArrayList<>();
    final List<Long> encodeNanosPerBatch = new ArrayList<>();
    final List<Integer> framesPerBatch = new ArrayList<>();

    /** Share of tiles changed, by seq, of each CHANGE frame (from its batch). */
    final Map<Long, Double> changedShare = new java.util.HashMap<>();

    long keyframeCpuNanos;
    long imagesCpuNanos;
    long imagesOnFrameThread;
    String diffBackend;
    int width;
    int height;
    int tileSize;

    static Pass run(
        IroncliwConfig config, PreloadedFrames source, FrameRing ring, FrameRingWriter writer)
        throws IOException {
      Pass pass = new Pass();
      pass.width = source.maxWidth();
      pass.height = source.maxHeight();
      pass.tileSize = config.diff().tileSize();
      EncodingRecorder vision = new EncodingRecorder(config.vision().image().maxBytes());
      try (BenchPipeline bench = new BenchPipeline(config, source, ring, writer, vision)) {
        pass.diffBackend = bench.diffBackend();
        diffWorkerIds = null;
        pass.replay(bench, vision);
        bench.finish();
        pass.imagesCpuNanos = bench.stats().imagesCpuNanos();
        pass.imagesOnFrameThread = bench.stats().imagesCopiedOnFrameThread();
        pass.encode(vision);
        pass.keyframeCpuNanos = keyframeThreadCpuNanos();
      }
      return pass;
    }

    private void replay(BenchPipeline bench, EncodingRecorder vision) {
      PipelineStats stats = bench.stats();
      PipelineAgent pipeline = bench.pipeline();
      long[] stageCounts = new long[Stage.values().length];
      while (true) {
        long frameCount = stats.totalFrames();
        long[] verdictCounts = verdictCounts(stats);
        snapshotCounts(stats, stageCounts);
        long grabs = stats.grabDurations().count();
        long allocated0 = ALLOCATIONS.getCurrentThreadAllocatedBytes();
        long cpu0 = frameCpuNanos();
        long wall0 = System.nanoTime();
        if (!bench.capture()) {
          return;
        }
        long wall1 = System.nanoTime();
        long cpuCaptured = frameCpuNanos();
        while (stats.totalFrames() == frameCount) {
          pipeline.doWork();
        }
        long cpu1 = frameCpuNanos();
        long allocated = ALLOCATIONS.getCurrentThreadAllocatedBytes() - allocated0;
        EnumMap<Stage, Long> stages = new EnumMap<>(Stage.class);
        if (stats.grabDurations().count() > grabs) { // not when the damage said unchanged
          long grab = stats.grabDurations().latestNanos();
          stages.put(Stage.RING_WRITE, grab);
          stages.put(Stage.CAPTURE_REST, (wall1 - wall0) - grab);
        }
        for (Map.Entry<Stage, PipelineStage> e : PIPELINE_STAGES.entrySet()) {
          Latency window = stats.stageDurations(e.getValue());
          if (window.count() > stageCounts[e.getKey().ordinal()]) {
            stages.put(e.getKey(), window.latestNanos());
          }
        }
        costs.add(
            new FrameCost(
                stats.lastSeq(),
                verdictOf(stats, verdictCounts),
                cpu1 - cpu0,
                cpu1 - cpuCaptured,
                allocated,
                stages));
        encode(vision);
      }
    }

    /** Encodes the batches handed on since the last call, timing each. */
    private void encode(EncodingRecorder vision) {
      long tiles = (long) Math.ceilDiv(width, tileSize) * Math.ceilDiv(height, tileSize);
      for (List<BatchFrame> batch : vision.takeBatches()) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        vision.encode(batch);
        encodeNanosPerBatch.add(THREADS.getCurrentThreadCpuTime() - cpu0);
        framesPerBatch.add(batch.size());
        for (BatchFrame frame : batch) {
          changedShare.put(frame.seq(), (double) frame.changedTiles() / tiles);
        }
      }
    }

    private static void snapshotCounts(PipelineStats stats, long[] counts) {
      for (Map.Entry<Stage, PipelineStage> e : PIPELINE_STAGES.entrySet()) {
        counts[e.getKey().ordinal()] = stats.stageDurations(e.getValue()).count();
      }
    }

    private static long[] verdictCounts(PipelineStats stats) {
      long[] counts = new long[Verdict.values().length];
      for (Verdict v : Verdict.values()) {
        counts[v.ordinal()] = stats.count(v);
      }
      return counts;
    }

    private static Verdict verdictOf(PipelineStats stats, long[] before) {
      for (Verdict v : Verdict.values()) {
        if (stats.count(v) > before[v.ordinal()]) {
          return v;
        }
      }
      throw new IllegalStateException("the pipeline gave the frame no verdict");
    }
  }

  /**
   * The vision provider of the benchmark: keeps the batches the batcher hands on, and encodes one
   * as the dispatcher does before a request (each image to its format, then base64).
   */
  private static final class EncodingRecorder implements VisionProvider {
    private final long maxImageBytes;
    private final List<List<BatchFrame>> batches = new ArrayList<>();

    /** Base64 bytes encoded: kept so the encoding is not optimised away. */
    long encodedBytes;

    EncodingRecorder(long maxImageBytes) {
      this.maxImageBytes = maxImageBytes;
    }

    @Override
    public String name() {
      return "replay-encoder";
    }

    @Override
    public void submit(List<BatchFrame> batch) {
      batches.add(batch);
    }

    List<List<BatchFrame>> takeBatches() {
      List<List<BatchFrame>> taken = List.copyOf(batches);
      batches.clear();
      return taken;
    }

    void encode(List<BatchFrame> batch) {
      for (BatchFrame frame : batch) {
        for (FrameCrop crop : frame.images()) {
          byte[] image = ImageEncoder.encode(crop, maxImageBytes).bytes();
          encodedBytes += Base64.getEncoder().encode(image).length;
        }
      }
    }

    @Override
    public VisionStatus status() {
      throw new UnsupportedOperationException("the replay benchmark's provider has no status");
    }
  }

  /**
   * CPU time of this thread and of the diff's worker threads: the diff splits a frame between
   * threads, and its workers' time is the frame's too.
   */
  private static long frameCpuNanos() {
    long total = THREADS.getCurrentThreadCpuTime();
    for (long id : diffWorkers()) {
      total += Math.max(0, THREADS.getThreadCpuTime(id));
    }
    return total;
  }

  private static long[] diffWorkers() {
    if (diffWorkerIds == null || diffWorkerIds.length == 0) { // started at the first diff
      diffWorkerIds =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().startsWith("diff-"))
              .mapToLong(Thread::threadId)
              .toArray();
    }
    return diffWorkerIds;
  }

  /**
   * The frame thread's CPU per frame (capture included, as a peer that reads the frame itself pays
   * it) against the floor: a DUPLICATE against one memcpy of the frame, a CHANGE against one
   * absdiff of two frames.
   */
  private static Map<String, Object> printRatios(List<FrameCost> costs, MemoryFloor floor) {
    System.out.println("Against the floor, frame thread's CPU per frame (capture included)");
    System.out.printf(
        Locale.ROOT, "  %-10s %7s %9s %9s %9s%n", "verdict", "floor", "us", "median", "p95");
    Map<String, Object> ratios = new LinkedHashMap<>();
    for (Verdict verdict : List.of(Verdict.DUPLICATE, Verdict.CHANGE)) {
      long[] cpu =
          costs.stream()
              .filter(c -> c.verdict == verdict)
              .mapToLong(FrameCost::cpuNanos)
              .sorted()
              .toArray();
      if (cpu.length == 0) {
        continue;
      }
      boolean duplicate = verdict == Verdict.DUPLICATE;
      long floorNanos = duplicate ? floor.memcpyNanos() : floor.absdiffNanos();
      double median = (double) quantile(cpu, 0.5) / floorNanos;
      double p95 = (double) quantile(cpu, 0.95) / floorNanos;
      System.out.printf(
          Locale.ROOT,
          "  %-10s %7s %9.1f %8.2fx %8.2fx%n",
          verdict.name(),
          duplicate ? "memcpy" : "absdiff",
          floorNanos / 1000.0,
          median,
          p95);
      ratios.put(
          verdict.name(),
          Map.of(
              "floor",
              duplicate ? "memcpy" : "absdiff",
              "median",
              Math.round(median * 100) / 100.0,
              "p95",
              Math.round(p95 * 100) / 100.0));
    }
    return ratios;
  }

  /** Rows of {@code nanos} by verdict, CHANGE also by the share of tiles changed, then all. */
  private static Map<String, Object> printByVerdict(
      List<FrameCost> costs,
      Map<FrameCost, Double> changedShares,
      java.util.function.ToLongFunction<FrameCost> nanos) {
    Map<String, Object> rows = new LinkedHashMap<>();
    for (Verdict verdict : Verdict.values()) {
      long[] values = costs.stream().filter(c -> c.verdict == verdict).mapToLong(nanos).toArray();
      if (values.length > 0) {
        rows.put(verdict.name(), printRow(verdict.name(), values));
      }
    }
    for (boolean small : new boolean[] {true, false}) {
      long[] values =
          costs.stream()
              .filter(c -> c.verdict == Verdict.CHANGE)
              .filter(c -> changedShares.containsKey(c))
              .filter(c -> (changedShares.get(c) <= SMALL_CHANGE_SHARE) == small)
              .mapToLong(nanos)
              .toArray();
      String row = small ? "CHANGE<=1%" : "CHANGE>1%";
      if (values.length > 0) {
        rows.put(row, printRow(row, values));
      }
    }
    rows.put("all", printRow("all", costs.stream().mapToLong(nanos).toArray()));
    return rows;
  }

  /** Every measured frame: seq, verdict, share of tiles changed, CPU and each stage in µs. */
  private static void writeCsv(Path csv, List<FrameCost> costs, Map<FrameCost, Double> shares)
      throws IOException {
    StringBuilder text = new StringBuilder("seq,verdict,changedShare,cpuMicros,pipelineCpuMicros");
    for (Stage stage : Stage.values()) {
      text.append(',').append(stage.name().toLowerCase(Locale.ROOT)).append("Micros");
    }
    text.append('\n');
    for (FrameCost cost : costs) {
      Double share = shares.get(cost);
      text.append(cost.seq)
          .append(',')
          .append(cost.verdict)
          .append(',')
          .append(share == null ? "" : String.format(Locale.ROOT, "%.4f", share))
          .append(',')
          .append(cost.cpuNanos / 1000)
          .append(',')
          .append(cost.pipelineCpuNanos / 1000);
      for (Stage stage : Stage.values()) {
        Long nanos = cost.stageNanos.get(stage);
        text.append(',').append(nanos == null ? "" : Long.toString(nanos / 1000));
      }
      text.append('\n');
    }
    Files.writeString(csv, text);
  }

  private static long keyframeThreadCpuNanos() {
    long total = 0;
    for (long id : THREADS.getAllThreadIds()) {
      var info = THREADS.getThreadInfo(id);
      if (info != null && info.getThreadName().equals("keyframes")) {
        total += Math.max(0, THREADS.getThreadCpuTime(id));
      }
    }
    return total;
  }

  private static String stageName(Stage stage) {
    return stage.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static Map<String, Object> printRow(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double median = quantile(sorted, 0.5) / 1000.0;
    double p95 = quantile(sorted, 0.95) / 1000.0;
    double p99 = quantile(sorted, 0.99) / 1000.0;
    System.out.printf(
        Locale.ROOT, "  %-10s %7d %9.1f %9.1f %9.1f%n", name, sorted.length, median, p95, p99);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("frames", sorted.length);
    row.put("median", round(median));
    row.put("p95", round(p95));
    row.put("p99", round(p99));
    return row;
  }

  private static long quantile(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  }

  private static double median(List<Integer> values) {
    return values.stream().sorted().skip(values.size() / 2).findFirst().orElse(0);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("java", Runtime.version().toString());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      lines
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
    } catch (IOException | RuntimeException e) {
      m.put("cpu", "unknown");
    }
    return m;
  }
}

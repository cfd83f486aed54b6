package dev.ironcliw.benchmarks.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A day in fast-forward: {@code ./ironcliw run} drawing the synthetic desktop (typing, a window
 * opening and closing, idle stretches, a clock and a blinking cursor; a 60 s cycle) as fast as the
 * pipeline takes it, with capture times 100 ms apart, for {@code hours} of capture time (24 by
 * default: 864,000 frames), with the default memory budgets. The journal's clock follows the
 * capture times, so the run crosses the journal's day boundary (UTC midnight) and, with {@code
 * history.retention.maxAge} at its least (1h), retention deletes the first day once the capture
 * time is an hour into the next one.
 *
 * <p>Every 10 s of wall time it reads the daemon's resident memory and asks the API for its status,
 * the newest frame and a search; at the end it prints resident memory after the warm-up, the API's
 * answers (failures and the slowest), the journal's days seen and deleted, and the errors the
 * daemon logged, and exits non-zero when one of them says the day went wrong.
 *
 * <pre>./ironcliw bench DayReplayRun [hours=24] [size=1920x1080] [outputDir=target/day]
 * </pre>
 *
 * Run from the repository root, on Linux.
 */
public final class DayReplayRun {
  private static final long SAMPLE_MILLIS = 10_000;
  private static final int FPS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One sample: wall seconds, capture hours reached, resident MiB, journal day files. */
  record Sample(double wallSeconds, double captureHours, double rssMib, int journalDays) {}

  private DayReplayRun() {}

  public static void main(String[] args) throws Exception {
    double hours = args.length > 0 ? Double.parseDouble(args[0]) : 24;
    String[] size = (args.length > 1 ? args[1] : "1920x1080").split("x");
    Path out = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "target/day"));
    long frames = Math.round(hours * 3600 * FPS);
    Path work = Files.createTempDirectory("ironcliw-day");
    Path config = work.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        """
        capture:
          fps: %d
          replayFast: true
          synthetic:
            width: %s
            height: %s
        vision:
          provider: none
        history:
          retention:
            maxAge: 1h
            checkEvery: 1s
        """
            .formatted(FPS, size[0], size[1]));
    Path data = work.resolve("data");
    Path log = out.resolve("daemon.log");
    DaemonClient api = new DaemonClient(data, DaemonClient.freePort());
    List<Sample> samples = new ArrayList<>();
    List<Double> apiMillis = new ArrayList<>();
    TreeSet<String> daysSeen = new TreeSet<>();
    int apiFailures = 0;
    long searchHits = 0;
    JsonNode status = null;
    Instant firstCapture = null;
    Instant lastCapture = null;
    long wallStart;
    Process daemon = api.launch(config, "synthetic", log);
    try {
      api.awaitStarted(daemon);
      ProcessSampler process = new ProcessSampler(daemon.pid());
      wallStart = System.nanoTime();
      while (daemon.isAlive()) {
        TimeUnit.MILLISECONDS.sleep(SAMPLE_MILLIS);
        double[] memory = process.sample();
        long before = System.nanoTime();
        HttpResponse<String> statusAnswer = api.send("/api/v1/status");
        status = JSON.readTree(statusAnswer.body());
        long lastSeq = status.path("frames").path("lastSeq").asLong(-1);
        HttpResponse<String> frame = api.send("/api/v1/frames/" + Math.max(0, lastSeq));
        HttpResponse<String> search = api.send("/api/v1/search?q=meeting");
        apiMillis.add((System.nanoTime() - before) / 1e6 / 3);
        if (statusAnswer.statusCode() != 200
            || frame.statusCode() != 200
            || search.statusCode() != 200) {
          apiFailures++;
        } else {
          if (firstCapture == null) {
            firstCapture = capturedAt(api.send("/api/v1/frames/0"));
          }
          lastCapture = capturedAt(frame);
          searchHits += JSON.readTree(search.body()).path("results").size() > 0 ? 1 : 0;
        }
        List<String> days = journalDays(data.resolve("journal"));
        daysSeen.addAll(days);
        double captureHours =
            firstCapture == null
                ? 0
                : Duration.between(firstCapture, lastCapture).toMillis() / 3_600_000.0;
        samples.add(
            new Sample(
                (System.nanoTime() - wallStart) / 1e9,
                captureHours,
                memory[1] / 1048576.0,
                days.size()));
        if (lastSeq + 1 >= frames) {
          break;
        }
      }
    } finally {
      daemon.destroy();
      daemon.waitFor(60, TimeUnit.SECONDS);
    }
    if (status == null || samples.isEmpty()) {
      System.err.println("day replay: the daemon stopped before the first sample; see " + log);
      System.exit(1);
    }
    List<String> errors = errorLines(log);
    boolean ok =
        report(hours, size, samples, apiMillis, apiFailures, searchHits, daysSeen, status, errors);
    System.exit(ok ? 0 : 1);
  }

  private static Instant capturedAt(HttpResponse<String> frame) throws IOException {
    return Instant.parse(JSON.readTree(frame.body()).path("capturedAt").asText());
  }

  /** The journal's day files (Chronicle cycles) now. */
  private static List<String> journalDays(Path journal) throws IOException {
    if (!Files.isDirectory(journal)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(journal)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).toList();
    }
  }

  private static List<String> errorLines(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(l -> l.contains("[ERROR]")).toList();
    }
  }

  private static boolean report(
      double hours,
      String[] size,
      List<Sample> samples,
      List<Double> apiMillis,
      int apiFailures,
      long searchHits,
      TreeSet<String> daysSeen,
      JsonNode status,
      List<String> errors) {
    Sample last = samples.getLast();
    // Warm-up: the first tenth of the run, when the heap, the code cache and the ring fill.
    List<Sample> steady = samples.subList(samples.size() / 10, samples.size());
    int quarter = Math.max(1, steady.size() / 4);
    double firstQuarter = median(steady.subList(0, quarter).stream().map(Sample::rssMib).toList());
    double lastQuarter =
        median(
            steady.subList(steady.size() - quarter, steady.size()).stream()
                .map(Sample::rssMib)
                .toList());
    double maxRss = samples.stream().mapToDouble(Sample::rssMib).max().orElse(0);
    JsonNode journal = status.path("journal");
    long daysDeleted = journal.path("daysDeleted").asLong();
    double framesPerSecond = status.path("frames").path("processed").asLong() / last.wallSeconds();
    boolean flat = lastQuarter <= firstQuarter * 1.1;
    // memory.total is left at its default, which MemoryBudgetRun sets explicitly.
    int limitMib = MemoryBudgetRun.TOTAL_MIB + MemoryBudgetRun.FIXED_OVERHEAD_MIB;
    boolean underLimit = maxRss <= limitMib;
    boolean ok =
        flat
            && underLimit
            && errors.isEmpty()
            && apiFailures == 0
            && daysSeen.size() >= 2
            && daysDeleted >= 1;
    System.out.printf(
        Locale.ROOT,
        "day replay: %.1f h of capture time (%s frames, %sx%s, 10 FPS) in %.1f min of wall time,"
            + " %.0f frames/s%n"
            + "  verdicts %s%n"
            + "  RSS MiB after the warm-up: median of the first quarter %.1f, of the last %.1f"
            + " (%+.1f%%, %s), max %.1f (%s the default total plus the fixed overhead, %d MiB)%n"
            + "  journal: day files seen %s, days deleted by retention %d (%s bytes)%n"
            + "  API: %d probes (status, newest frame, search) every 10 s, %d failed, median"
            + " %.1f ms, max %.1f ms; search found the typed text in %d%n"
            + "  errors logged: %d%s%n"
            + "  %s%n",
        last.captureHours(),
        status.path("frames").path("processed").asText(),
        size[0],
        size[1],
        last.wallSeconds() / 60,
        framesPerSecond,
        status.path("frames").path("byVerdict"),
        firstQuarter,
        lastQuarter,
        100 * (lastQuarter - firstQuarter) / firstQuarter,
        flat ? "flat" : "GROWING",
        maxRss,
        underLimit ? "under" : "PAST",
        limitMib,
        daysSeen,
        daysDeleted,
        journal.path("bytesDeleted").asText(),
        apiMillis.size(),
        apiFailures,
        median(apiMillis),
        apiMillis.stream().mapToDouble(Double::doubleValue).max().orElse(0),
        searchHits,
        errors.size(),
        errors.isEmpty() ? "" : ", the first: " + errors.getFirst(),
        ok
            ? "the day went through"
            : "FAILED: the memory must stay flat and under the limit, nothing be logged as an"
                + " error, the API answer"
                + " and the journal roll and delete a day (hours="
                + hours
                + ")");
    return ok;
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}

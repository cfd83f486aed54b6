package dev.ironcliw.benchmarks.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.capture.x11.XTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The daemon soak harness: {@code ./ironcliw run} capturing a 1920x1080 Xvfb at 10 FPS (vision off)
 * while {@link SoakActivity} plays idle, typing, scrolling and window switching in turns ({@code
 * phaseSeconds} each). Every second it samples the daemon's CPU (percent of one core) and resident
 * memory from {@code /proc}, and frames processed, dropped and missed ticks and text recognition's
 * CPU, reads and words from {@code status}. It writes {@code soak.json} (every sample and the
 * summary), {@code soak.png} (CPU and memory over time) and {@code soak.md} (the summary against
 * the targets) to the output folder.
 *
 * <pre>./ironcliw bench SoakRun \
 *     [seconds=600] [outputDir=target/soak] [phaseSeconds=60]</pre>
 *
 * Run from the repository root, on Linux with Xvfb.
 */
public final class SoakRun {
  /** CPU targets of issue 9, percent of one core. */
  private static final Map<SoakActivity.Phase, Double> CPU_TARGETS =
      Map.of(SoakActivity.Phase.IDLE, 2.0, SoakActivity.Phase.TYPING, 5.0);

  private static final int WARM_UP_SECONDS = 60;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One second of the run. */
  record Sample(
      int second,
      SoakActivity.Phase phase,
      double cpuPercent,
      double rssMib,
      double anonMib,
      double fileMib,
      long framesProcessed,
      long droppedTicks,
      long missedTicks,
      double fps,
      long textCpuMillis,
      long textReads,
      long textSkipped,
      long textWords) {}

  private SoakRun() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    Path out = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target/soak"));
    int phaseSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    Path work = Files.createTempDirectory("ironcliw-soak");
    Path config = work.resolve("ironcliw.yaml");
    Files.writeString(config, "capture:\n  fps: 10\nvision:\n  provider: none\n");
    DaemonClient api = new DaemonClient(work.resolve("data"), DaemonClient.freePort());
    List<Sample> samples = new ArrayList<>();
    // Clock ticks by thread name in each phase: where the CPU went, not only how much.
    Map<SoakActivity.Phase, Map<String, Long>> ticksByThread =
        new EnumMap<>(SoakActivity.Phase.class);
    JsonNode last;
    // "-s 0": no screen saver. The scripted drawing is not input, so Xvfb's default 10-minute
    // timeout would blank the screen and pause capture halfway through a longer run.
    try (XvfbServer xvfb = XvfbServer.start(1920, 1080, "-s", "0");
        XTestClient x = new XTestClient(xvfb.display())) {
      SoakActivity activity = new SoakActivity(x);
      Process daemon =
          api.launch(config, "x11", out.resolve("daemon.log"), Map.of("DISPLAY", xvfb.display()));
      try {
        api.awaitStarted(daemon);
        ProcessSampler sampler = new ProcessSampler(daemon.pid());
        sampler.sample();
        ThreadSampler threads = new ThreadSampler(daemon.pid());
        threads.sample();
        long start = System.nanoTime();
        long step = 0;
        SoakActivity.Phase phase = SoakActivity.Phase.IDLE;
        long phaseStartStep = 0;
        last = null;
        while (true) {
          long elapsedSteps = step;
          SoakActivity.Phase now =
              SoakActivity.Phase.values()[
                  (int) ((elapsedSteps / 10 / phaseSeconds) % SoakActivity.Phase.values().length)];
          if (now != phase) {
            phase = now;
            phaseStartStep = step;
          }
          activity.step(phase, step - phaseStartStep);
          step++;
          if (step % 10 == 0) {
            double[] process = sampler.sample();
            SoakActivity.Phase sampled = phase;
            threads
                .sample()
                .forEach(
                    (name, ticks) ->
                        ticksByThread
                            .computeIfAbsent(sampled, p -> new HashMap<>())
                            .merge(name, ticks, Long::sum));
            last = JSON.readTree(api.get("/api/v1/status"));
            samples.add(
                new Sample(
                    (int) (step / 10),
                    phase,
                    process[0],
                    process[1] / 1048576.0,
                    process[2] / 1048576.0,
                    process[3] / 1048576.0,
                    last.path("frames").path("processed").asLong(),
                    last.path("capture").path("droppedTicks").asLong(),
                    last.path("capture").path("missedTicks").asLong(),
                    last.path("capture").path("fpsActual10s").asDouble(),
                    reader(last).path("cpuMillis").asLong(),
                    reader(last).path("reads").asLong(),
                    reader(last).path("skipped").asLong(),
                    reader(last).path("words").asLong()));
            if (step / 10 >= seconds) {
              break;
            }
          }
          long wait = start + step * 100_000_000L - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
      } finally {
        daemon.destroy();
        daemon.waitFor(60, TimeUnit.SECONDS);
      }
    }
    Map<String, Object> summary = summary(samples, last, phaseSeconds, ticksByThread);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("summary", summary);
    document.put("samples", samples);
    JSON.writeValue(out.resolve("soak.json").toFile(), document);
    SoakChart.write(samples, out.resolve("soak.png"));
    String markdown = markdown(summary);
    Files.writeString(out.resolve("soak.md"), markdown);
    System.out.print(markdown);
  }

  private static JsonNode reader(JsonNode status) {
    return status.path("text").path("reader");
  }

  private static Map<String, Object> summary(
      List<Sample> samples,
      JsonNode status,
      int phaseSeconds,
      Map<SoakActivity.Phase, Map<String, Long>> ticksByThread) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("seconds", samples.size());
    summary.put("phaseSeconds", phaseSeconds);
    Map<String, Object> phases = new LinkedHashMap<>();
    for (SoakActivity.Phase phase : SoakActivity.Phase.values()) {
      List<Double> cpu =
          samples.stream()
              .filter(s -> s.phase() == phase && s.cpuPercent() >= 0)
              .map(Sample::cpuPercent)
              .sorted()
              .toList();
      if (cpu.isEmpty()) {
        continue;
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("samples", cpu.size());
      p.put("cpuMedian", round(percentile(cpu, 0.5)));
      p.put("cpuP95", round(percentile(cpu, 0.95)));
      if (CPU_TARGETS.containsKey(phase)) {
        p.put("cpuTarget", CPU_TARGETS.get(phase));
      }
      // Text recognition's own thread CPU, from its counters: the part of the CPU above it spent
      // reading text, and what a read cost.
      long textCpu = 0;
      long reads = 0;
      long skipped = 0;
      long words = 0;
      for (int i = 1; i < samples.size(); i++) {
        Sample s = samples.get(i);
        Sample before = samples.get(i - 1);
        if (s.phase() == phase) {
          textCpu += s.textCpuMillis() - before.textCpuMillis();
          reads += s.textReads() - before.textReads();
          skipped += s.textSkipped() - before.textSkipped();
          words += s.textWords() - before.textWords();
        }
      }
      p.put("textCpuPercent", round(100.0 * textCpu / (cpu.size() * 1000.0)));
      p.put("textReads", reads);
      p.put("textCpuMillisPerRead", reads == 0 ? 0 : round((double) textCpu / reads));
      p.put("textSkipped", skipped);
      p.put("textWords", words);
      p.put("cpuMeanByThread", meanByThread(ticksByThread.get(phase), cpu.size()));
      phases.put(phase.name().toLowerCase(Locale.ROOT), p);
    }
    summary.put("cpuPercentOfOneCore", phases);
    List<Sample> steady = samples.stream().filter(s -> s.second() > WARM_UP_SECONDS).toList();
    if (steady.isEmpty()) {
      steady = samples;
    }
    Map<String, Object> rss = new LinkedHashMap<>();
    rss.put("warmUpSeconds", WARM_UP_SECONDS);
    rss.put("afterWarmUpFirstMib", round(steady.getFirst().rssMib()));
    rss.put("medianAfterWarmUpMib", round(median(steady.stream().map(Sample::rssMib).toList())));
    Map<String, Object> byPhase = new LinkedHashMap<>();
    for (SoakActivity.Phase phase : SoakActivity.Phase.values()) {
      List<Double> inPhase =
          steady.stream().filter(s -> s.phase() == phase).map(Sample::rssMib).toList();
      if (!inPhase.isEmpty()) {
        byPhase.put(phase.name().toLowerCase(Locale.ROOT), round(median(inPhase)));
      }
    }
    rss.put("medianAfterWarmUpByPhaseMib", byPhase);
    rss.put("lastMib", round(samples.getLast().rssMib()));
    rss.put("maxMib", round(samples.stream().mapToDouble(Sample::rssMib).max().orElse(0)));
    rss.put(
        "growthAfterWarmUpPercent",
        round(
            100
                * (steady.getLast().rssMib() - steady.getFirst().rssMib())
                / steady.getFirst().rssMib()));
    // Anonymous memory is what the daemon holds; file pages (the ring) can be dropped.
    rss.put("anonAfterWarmUpFirstMib", round(steady.getFirst().anonMib()));
    rss.put("anonLastMib", round(samples.getLast().anonMib()));
    rss.put("anonMaxMib", round(samples.stream().mapToDouble(Sample::anonMib).max().orElse(0)));
    rss.put("fileMaxMib", round(samples.stream().mapToDouble(Sample::fileMib).max().orElse(0)));
    summary.put("residentMemory", rss);
    summary.put("memoryWindows", memoryWindows(samples));
    Sample first = samples.getFirst();
    Sample end = samples.getLast();
    summary.put("framesProcessed", end.framesProcessed() - first.framesProcessed());
    summary.put("droppedTicks", end.droppedTicks() - first.droppedTicks());
    summary.put("missedTicks", end.missedTicks() - first.missedTicks());
    summary.put("byVerdict", status == null ? null : status.path("frames").path("byVerdict"));
    summary.put("stageMicros", status == null ? null : status.path("frames").path("stageMicros"));
    summary.put("textEngine", status == null ? null : reader(status).path("engine").asText());
    return summary;
  }

  @SuppressWarnings("unchecked")
  private static String markdown(Map<String, Object> summary) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "# Soak run%n%n%s s of ./ironcliw run on a 1920x1080 Xvfb at 10 FPS, vision off, text"
                + " recognition by %s; phases of %s s: idle, typing, scrolling, window"
                + " switching.%n%n",
            summary.get("seconds"),
            summary.get("textEngine"),
            summary.get("phaseSeconds")));
    md.append(
        "| phase | CPU median | CPU p95 | target | of it text recognition | reads | ms a read |"
            + " skipped | words |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    var phases = (Map<String, Map<String, Object>>) summary.get("cpuPercentOfOneCore");
    phases.forEach(
        (name, p) -> {
          Object target = p.get("cpuTarget");
          String verdict = "";
          if (target != null) {
            double median = ((Number) p.get("cpuMedian")).doubleValue();
            double limit = ((Number) target).doubleValue();
            verdict =
                median <= limit
                    ? "<= " + limit + "%: met"
                    : String.format(
                        Locale.ROOT, "<= %s%%: missed by %.2f points", limit, median - limit);
          }
          md.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %s%% | %s%% | %s | %s%% | %s | %s | %s | %s |%n",
                  name,
                  p.get("cpuMedian"),
                  p.get("cpuP95"),
                  verdict,
                  p.get("textCpuPercent"),
                  p.get("textReads"),
                  p.get("textCpuMillisPerRead"),
                  p.get("textSkipped"),
                  p.get("textWords")));
        });
    md.append(
        "\nWhere it went: the mean percent of one core by thread over each phase (the JVM's"
            + " threads by their names; the busiest 8).\n\n| phase | threads |\n| --- | --- |\n");
    phases.forEach(
        (name, p) -> {
          var byThread = (Map<String, Double>) p.get("cpuMeanByThread");
          StringBuilder cell = new StringBuilder();
          byThread.entrySet().stream()
              .limit(8)
              .forEach(
                  e ->
                      cell.append(cell.isEmpty() ? "" : ", ")
                          .append(e.getKey())
                          .append(' ')
                          .append(e.getValue())
                          .append('%'));
          md.append("| ").append(name).append(" | ").append(cell).append(" |\n");
        });
    var rss = (Map<String, Object>) summary.get("residentMemory");
    md.append(
        String.format(
            Locale.ROOT,
            "%nResident memory after the %s s warm-up: median %s MiB (by phase %s), %s MiB"
                + " first, %s MiB at the end (%s%%), %s MiB at most. Of it anonymous (heap and native): %s MiB after the warm-up, %s at the"
                + " end, %s at most; file-backed (the ring's and journal's pages, which the kernel"
                + " can drop) %s MiB at most.%n%nFrames processed %s, dropped ticks %s, missed"
                + " ticks %s; verdicts %s.%n",
            rss.get("warmUpSeconds"),
            rss.get("medianAfterWarmUpMib"),
            byPhaseText((Map<String, Object>) rss.get("medianAfterWarmUpByPhaseMib")),
            rss.get("afterWarmUpFirstMib"),
            rss.get("lastMib"),
            rss.get("growthAfterWarmUpPercent"),
            rss.get("maxMib"),
            rss.get("anonAfterWarmUpFirstMib"),
            rss.get("anonLastMib"),
            rss.get("anonMaxMib"),
            rss.get("fileMaxMib"),
            summary.get("framesProcessed"),
            summary.get("droppedTicks"),
            summary.get("missedTicks"),
            summary.get("byVerdict")));
    md.append(
        "\n| minutes | resident MiB (median) | anonymous | file-backed |\n| --- | --- | --- | --- |\n");
    for (Map<String, Object> w : (List<Map<String, Object>>) summary.get("memoryWindows")) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d-%d | %s | %s | %s |%n",
              ((Number) w.get("fromSecond")).intValue() / 60,
              ((Number) w.get("toSecond")).intValue() / 60,
              w.get("rssMedianMib"),
              w.get("anonMedianMib"),
              w.get("fileMedianMib")));
    }
    return md.toString();
  }

  /**
   * The mean percent of one core each thread name took over a phase's {@code seconds}, the busiest
   * first, those under 0.05% left out.
   */
  private static Map<String, Double> meanByThread(Map<String, Long> ticks, int seconds) {
    Map<String, Double> mean = new LinkedHashMap<>();
    if (ticks == null || seconds == 0) {
      return mean;
    }
    ticks.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        // Ticks are hundredths of a second: a tick a second is 1% of a core.
        .map(e -> Map.entry(e.getKey(), round((double) e.getValue() / seconds)))
        .filter(e -> e.getValue() >= 0.05)
        .forEach(e -> mean.put(e.getKey(), e.getValue()));
    return mean;
  }

  /**
   * Medians of resident, anonymous and file-backed memory over consecutive windows (a twelfth of
   * the run, whole minutes, at least one): whether memory levels off shows here, not in two points.
   */
  private static List<Map<String, Object>> memoryWindows(List<Sample> samples) {
    int windowSeconds = Math.max(60, samples.size() / 12 / 60 * 60);
    List<Map<String, Object>> windows = new ArrayList<>();
    for (int from = 0; from < samples.size(); from += windowSeconds) {
      List<Sample> in = samples.subList(from, Math.min(samples.size(), from + windowSeconds));
      Map<String, Object> window = new LinkedHashMap<>();
      window.put("fromSecond", in.getFirst().second() - 1);
      window.put("toSecond", in.getLast().second());
      window.put("rssMedianMib", round(median(in.stream().map(Sample::rssMib).toList())));
      window.put("anonMedianMib", round(median(in.stream().map(Sample::anonMib).toList())));
      window.put("fileMedianMib", round(median(in.stream().map(Sample::fileMib).toList())));
      windows.add(window);
    }
    return windows;
  }

  /** "idle 276.0, typing 278.3, ..." */
  private static String byPhaseText(Map<String, Object> byPhase) {
    return String.join(
        ", ", byPhase.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
  }

  private static double median(List<Double> values) {
    return percentile(values.stream().sorted().toList(), 0.5);
  }

  private static double percentile(List<Double> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}

package dev.ironcliw.benchmarks.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.capture.x11.XTestClient;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The screen-text index over a week of history, end to end: {@link TextWeekHistory} writes a
 * generated week into a journal; {@code ./ironcliw run} then starts on it, capturing a 1920x1080
 * Xvfb at 10 FPS while {@link SoakActivity} types and scrolls text (so text recognition runs too).
 * It measures:
 *
 * <ul>
 *   <li>the index built from the journal at that first start (what {@code ironcliw index rebuild}
 *       leads to), as the daemon logs it;
 *   <li>search latency over the API while capturing, as a client sees it (HTTP on the loopback
 *       included): one word and a phrase in the last day, and a word with a typo over the week;
 *   <li>the index's size on disk, a day of it;
 *   <li>a second start with that week of index: until the API answers, and until the index has
 *       caught up with the journal.
 * </ul>
 *
 * <pre>./ironcliw bench TextWeekRun [secondsPerRead=5] [activeHours=8] [queries=300]
 *     [outputDir=target/text-week]</pre>
 *
 * Run from the repository root, on Linux with Xvfb. Writes {@code text-week.json} and {@code
 * text-week.md} to the output folder.
 */
public final class TextWeekRun {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern CAUGHT_UP =
      Pattern.compile("text index: \\d+ documents; indexed the journal after (.+?) in (\\d+) ms");

  private TextWeekRun() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    int secondsPerRead = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int activeHours = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int queries = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    Path out = Files.createDirectories(Path.of(args.length > 3 ? args[3] : "target/text-week"));
    Path work = Files.createTempDirectory("ironcliw-text-week");
    Path data = work.resolve("data");
    Path config = work.resolve("ironcliw.yaml");
    Files.writeString(config, "capture:\n  fps: 10\nvision:\n  provider: none\n");
    Map<String, Object> summary = new LinkedHashMap<>();

    long generateStart = System.nanoTime();
    long endNanos = (System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1)) * 1_000_000L;
    TextWeekHistory.Written week =
        new TextWeekHistory().write(data.resolve("journal"), endNanos, activeHours, secondsPerRead);
    summary.put("history", week);
    summary.put("generateSeconds", (System.nanoTime() - generateStart) / 1e9);
    summary.put("journalBytes", treeBytes(data.resolve("journal")));
    System.out.println("generated: " + week);

    DaemonClient api = new DaemonClient(data, DaemonClient.freePort());
    String lastDay = Instant.ofEpochMilli(endNanos / 1_000_000).minusSeconds(86_400).toString();
    try (XvfbServer xvfb = XvfbServer.start(1920, 1080, "-s", "0");
        XTestClient x = new XTestClient(xvfb.display())) {
      Map<String, String> display = Map.of("DISPLAY", xvfb.display());
      SoakActivity activity = new SoakActivity(x);

      Path firstLog = out.resolve("daemon-first.log");
      Process daemon = api.launch(config, "x11", firstLog, display);
      Map<String, Object> first;
      Map<String, Object> latency = new LinkedHashMap<>();
      try {
        first = start(api, daemon, firstLog);
        Thread.sleep(10_000); // the first whole-screen read
        // The floor: the same queries while the screen stands still (capture runs, finds nothing).
        latency.put("stillScreen", timeQueries(api, week, lastDay, queries));
        Thread typist = Thread.ofPlatform().daemon().start(() -> play(activity));
        Thread.sleep(5_000);
        latency.put("typingAndScrolling", timeQueries(api, week, lastDay, queries));
        JsonNode status = JSON.readTree(api.get("/api/v1/status"));
        summary.put("textStatusAfterQueries", status.path("text"));
        summary.put("droppedTicks", status.path("capture").path("droppedTicks").asLong());
        typist.interrupt();
        typist.join();
      } finally {
        stop(daemon);
      }
      summary.put("firstStart", first);
      summary.put("searchWhileCapturingMillis", latency);
      long indexBytes = treeBytes(data.resolve("index"));
      summary.put("indexBytes", indexBytes);
      summary.put("indexBytesPerDay", indexBytes / TextWeekHistory.DAYS);

      Path secondLog = out.resolve("daemon-second.log");
      daemon = api.launch(config, "x11", secondLog, display);
      try {
        summary.put("secondStart", start(api, daemon, secondLog));
      } finally {
        stop(daemon);
      }
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("summary", summary);
    JSON.writeValue(out.resolve("text-week.json").toFile(), document);
    String markdown = markdown(summary, week);
    Files.writeString(out.resolve("text-week.md"), markdown);
    System.out.print(markdown);
  }

  /** Starts and times: until the API answers, and until the index has caught up (its log line). */
  private static Map<String, Object> start(DaemonClient api, Process daemon, Path log)
      throws Exception {
    long launched = System.nanoTime();
    api.awaitAnswering(daemon);
    long answering = System.nanoTime();
    Map<String, Object> start = new LinkedHashMap<>();
    start.put("apiAnswersSeconds", (answering - launched) / 1e9);
    long deadline = answering + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      Matcher m = CAUGHT_UP.matcher(Files.readString(log));
      if (m.find()) {
        start.put("indexCaughtUpSeconds", (System.nanoTime() - launched) / 1e9);
        start.put("indexedAfter", m.group(1));
        start.put("catchUpMillis", Long.parseLong(m.group(2)));
        return start;
      }
      if (!daemon.isAlive()) {
        throw new IOException("the daemon ended; see " + log);
      }
      Thread.sleep(50);
    }
    throw new IOException("the index did not catch up in 10 minutes; see " + log);
  }

  /** Typing and scrolling in turns, 30 s each, a step every 100 ms, until interrupted. */
  private static void play(SoakActivity activity) {
    long start = System.nanoTime();
    for (long step = 0; !Thread.currentThread().isInterrupted(); step++) {
      SoakActivity.Phase phase =
          (step / 300) % 2 == 0 ? SoakActivity.Phase.TYPING : SoakActivity.Phase.SCROLLING;
      activity.step(phase, step % 300);
      long wait = start + (step + 1) * 100_000_000L - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** The three queries, {@code count} times each. */
  private static Map<String, Object> timeQueries(
      DaemonClient api, TextWeekHistory.Written week, String lastDay, int count) throws Exception {
    Map<String, Object> latency = new LinkedHashMap<>();
    // The floor: a route that does nothing, over the same client and server.
    latency.put("health", timeQueries(api, "/api/v1/health", count));
    String from = "&from=" + lastDay;
    latency.put("oneWordLastDay", timeQueries(api, week.commonWord(), from, count));
    latency.put("phraseLastDay", timeQueries(api, week.lastDayPhrase(), from, count));
    latency.put("typoWholeWeek", timeQueries(api, week.typo(), "", count));
    return latency;
  }

  /** {@code count} searches for {@code q}, one every 50 ms; their latencies' median and p99. */
  private static Map<String, Object> timeQueries(
      DaemonClient api, String q, String filter, int count) throws Exception {
    return timeQueries(
        api,
        "/api/v1/search?limit=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + filter,
        count);
  }

  /** {@code count} GETs of {@code path}, one every 50 ms; their latencies' median and p99. */
  private static Map<String, Object> timeQueries(DaemonClient api, String path, int count)
      throws Exception {
    List<Double> millis = new ArrayList<>();
    int results = 0;
    for (int i = 0; i < count + 20; i++) {
      long start = System.nanoTime();
      String body = api.get(path);
      double took = (System.nanoTime() - start) / 1e6;
      JsonNode answer = JSON.readTree(body);
      if (!answer.has(path.contains("/search") ? "results" : "healthy")) {
        throw new IOException(path + " answered " + body);
      }
      results = answer.path("results").size();
      if (i >= 20) { // the first 20 warm up
        millis.add(took);
      }
      Thread.sleep(50);
    }
    millis.sort(null);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("query", URLDecoder.decode(path, StandardCharsets.UTF_8));
    figures.put("results", results);
    figures.put("median", round(millis.get(millis.size() / 2)));
    figures.put("p99", round(millis.get((int) Math.min(millis.size() - 1, millis.size() * 0.99))));
    figures.put("max", round(millis.getLast()));
    return figures;
  }

  private static void stop(Process daemon) throws InterruptedException {
    daemon.destroy();
    if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
      daemon.destroyForcibly();
    }
  }

  private static long treeBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException gone) {
                  return 0;
                }
              })
          .sum();
    }
  }

  @SuppressWarnings("unchecked")
  private static String markdown(Map<String, Object> summary, TextWeekHistory.Written week) {
    var first = (Map<String, Object>) summary.get("firstStart");
    var second = (Map<String, Object>) summary.get("secondStart");
    var latency =
        (Map<String, Map<String, Map<String, Object>>>) summary.get("searchWhileCapturingMillis");
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "# A week of screen text%n%nGenerated: %,d frame records, %,d text reads (%,d blocks"
                + " of text), %,d focus changes over 7 days; journal files %.1f MiB (their length; Chronicle makes them sparse). Index: %,d"
                + " documents.%n%n"
                + "| | seconds |%n| --- | --- |%n"
                + "| first start (no index): API answers | %.2f |%n"
                + "| first start: index built from the journal | %.2f |%n"
                + "| second start (a week of index): API answers | %.2f |%n"
                + "| second start: index caught up | %.2f |%n%n"
                + "Index on disk: %.1f MiB, %.1f MiB a day.%n%n"
                + "Search over the API while capturing (ms, at most 20 hits, as the client"
                + " saw it), on a still screen and while text is typed and scrolled (and read):"
                + "%n%n| query | screen | median | p99 | max | hits |%n"
                + "| --- | --- | --- | --- | --- | --- |%n",
            week.frames(),
            week.reads(),
            week.blocks(),
            week.contexts(),
            ((Number) summary.get("journalBytes")).longValue() / 1048576.0,
            ((JsonNode) summary.get("textStatusAfterQueries")).path("documents").asLong(),
            first.get("apiAnswersSeconds"),
            ((Number) first.get("catchUpMillis")).longValue() / 1000.0,
            second.get("apiAnswersSeconds"),
            second.get("indexCaughtUpSeconds"),
            ((Number) summary.get("indexBytes")).longValue() / 1048576.0,
            ((Number) summary.get("indexBytesPerDay")).longValue() / 1048576.0));
    latency.forEach(
        (screen, queries) ->
            queries.forEach(
                (name, f) ->
                    md.append(
                        String.format(
                            Locale.ROOT,
                            "| %s `%s` | %s | %s | %s | %s | %s |%n",
                            name,
                            f.get("query"),
                            screen,
                            f.get("median"),
                            f.get("p99"),
                            f.get("max"),
                            f.get("results")))));
    return md.toString();
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}

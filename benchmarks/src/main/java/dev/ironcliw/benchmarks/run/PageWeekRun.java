package dev.ironcliw.benchmarks.run;

import dev.ironcliw.testing.Chromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The timeline page's load time over a generated week of history ({@link TextWeekHistory}: a CHANGE
 * a second through each day's active hours, the focused window changing every few minutes), in
 * Debian's Chromium against {@code ./ironcliw run} on that data. Signs in with {@code ironcliw open
 * --print-url}, then loads the page afresh at the week's middle, zoomed to a week, a day and an
 * hour, and reads the browser's own clock (Navigation and User Timing): when the page's files were
 * loaded (the floor: no data yet), when the timeline was drawn, and when the frame at the moment
 * was shown. Prints the medians.
 *
 * <pre>./ironcliw bench PageWeekRun [activeHours=8] [loads=15]</pre>
 */
public final class PageWeekRun {
  private static final String[] ZOOMS = {"1week", "1day", "1hour"};
  private static final int WARMUP = 3;

  private PageWeekRun() {}

  public static void main(String[] args) throws Exception {
    Chromium.require();
    int activeHours = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int loads = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    Path work = Files.createTempDirectory("ironcliw-page-week");
    Path data = work.resolve("data");
    long endNanos = System.currentTimeMillis() * 1_000_000L;
    long generateStart = System.nanoTime();
    TextWeekHistory.Written week =
        new TextWeekHistory().write(data.resolve("journal"), endNanos, activeHours, 600);
    System.out.printf(
        "generated %d frames (%d changes) over %d days in %.0f s%n",
        week.frames(),
        week.frames() / 10,
        TextWeekHistory.DAYS,
        (System.nanoTime() - generateStart) / 1e9);
    Path config = work.resolve("ironcliw.yaml");
    Files.writeString(config, "capture:\n  fps: 2\nvision:\n  provider: none\n");
    int port = DaemonClient.freePort();
    DaemonClient api = new DaemonClient(data, port);
    Process daemon = api.launch(config, "synthetic", work.resolve("daemon.log"));
    try {
      api.awaitStarted(daemon);
      String base = "http://127.0.0.1:" + port;
      String middle =
          Instant.ofEpochMilli((week.firstNanos() + week.lastNanos()) / 2 / 1_000_000).toString();
      ChromeDriver driver = Chromium.start(work.resolve("profile"));
      try {
        driver.get(signInUrl(data, port));
        WebDriverWait wait = new WebDriverWait(driver, java.time.Duration.ofSeconds(60));
        wait.until(d -> d.findElement(org.openqa.selenium.By.id("app")).isDisplayed());
        Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
        for (String zoom : ZOOMS) {
          Map<String, List<Double>> samples = new LinkedHashMap<>();
          for (int i = 0; i < loads + WARMUP; i++) {
            driver.get(base + "/?load=" + i + "#t=" + middle + "&zoom=" + zoom);
            @SuppressWarnings("unchecked")
            Map<String, Object> times =
                (Map<String, Object>)
                    wait.until(
                        d ->
                            ((ChromeDriver) d)
                                .executeScript(
                                    "const m = n => performance.getEntriesByName(n)[0];"
                                        + "const nav = performance.getEntriesByType('navigation')[0];"
                                        + "const api = performance.getEntriesByType('resource')"
                                        + ".find(e => e.name.includes('/api/v1/timeline?'));"
                                        + "return m('timeline-drawn') && m('frame-shown') && api"
                                        + " ? {pageReady: nav.domContentLoadedEventEnd,"
                                        + " timelineDrawn: m('timeline-drawn').startTime,"
                                        + " frameShown: m('frame-shown').startTime,"
                                        + " timelineRoute: api.duration} : null;"));
            if (i >= WARMUP) {
              times.forEach(
                  (name, value) ->
                      samples
                          .computeIfAbsent(name, k -> new ArrayList<>())
                          .add(((Number) value).doubleValue()));
            }
          }
          Map<String, Double> zoomMedians = new LinkedHashMap<>();
          samples.forEach((name, values) -> zoomMedians.put(name, median(values)));
          medians.put(zoom, zoomMedians);
          System.out.printf(
              "zoom %-6s medians of %d loads: page ready %.0f ms, timeline drawn %.0f ms,"
                  + " frame shown %.0f ms; /api/v1/timeline %.1f ms%n",
              zoom,
              loads,
              zoomMedians.get("pageReady"),
              zoomMedians.get("timelineDrawn"),
              zoomMedians.get("frameShown"),
              zoomMedians.get("timelineRoute"));
        }
        List<String> errors = Chromium.consoleErrors(driver);
        System.out.println(
            "console errors: " + errors.size() + (errors.isEmpty() ? "" : " " + errors));
      } finally {
        driver.quit();
      }
    } finally {
      daemon.destroy();
      daemon.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static String signInUrl(Path data, int port) throws Exception {
    Process open =
        new ProcessBuilder(
                DaemonClient.launcher(),
                "open",
                "--print-url",
                "--data-dir",
                data.toString(),
                "--port",
                Integer.toString(port))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String url = new String(open.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!open.waitFor(60, TimeUnit.SECONDS) || open.exitValue() != 0) {
      throw new IllegalStateException("ironcliw open failed: " + url);
    }
    return url;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}

package dev.ironcliw.benchmarks.run;

import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.capture.x11.XTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end: {@code ./ironcliw run} on a 1920x1080 Xvfb for a while (60 s by default) at 10 FPS
 * while a window moves every 100 ms, so every tick has something to grab; then prints the daemon's
 * own figures: actual FPS, missed deadlines, dropped ticks, grab time per frame.
 *
 * <pre>./ironcliw bench X11DaemonRun [seconds]
 * </pre>
 *
 * Run from the repository root.
 */
public final class X11DaemonRun {
  private X11DaemonRun() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    Path data = Files.createTempDirectory("ironcliw-e2e");
    int port = DaemonClient.freePort();
    DaemonClient api = new DaemonClient(data, port);
    try (XvfbServer xvfb = XvfbServer.start(1920, 1080);
        XTestClient client = new XTestClient(xvfb.display())) {
      client.rootColour(0x336699);
      long window = client.window(100, 100, 400, 300, 0xEEEEEE, "moving", "moving");
      ProcessBuilder builder =
          new ProcessBuilder(
                  DaemonClient.launcher(),
                  "run",
                  "--data-dir",
                  data.toString(),
                  "--port",
                  Integer.toString(port),
                  "--fps",
                  "10")
              .redirectErrorStream(true)
              .redirectOutput(data.resolve("daemon.log").toFile());
      builder.environment().put("DISPLAY", xvfb.display());
      Process daemon = builder.start();
      try {
        api.awaitStarted(daemon);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int step = 0; System.nanoTime() < end; step++) {
          client.move(window, 100 + (step * 7) % 1200, 100 + (step * 3) % 600);
          Thread.sleep(100);
        }
        String status = api.get("/api/v1/status");
        System.out.printf(
            Locale.ROOT,
            "x11 end-to-end, %d s at 10 FPS on 1920x1080 Xvfb (a window moved every 100 ms):%n"
                + "  fpsActual10s %s, frames captured %s, missed deadlines %s, dropped ticks %s%n"
                + "  grab+copy per frame: median %s us, p99 %s us; skipped grabs (no damage) %s%n"
                + "  verdicts %s%n",
            seconds,
            number(status, "fpsActual10s"),
            number(status, "framesCaptured"),
            number(status, "missedTicks"),
            number(status, "droppedTicks"),
            number(status, "grabMicrosMedian"),
            number(status, "grabMicrosP99"),
            number(status, "skippedGrabs"),
            object(status, "byVerdict"));
      } finally {
        daemon.destroy();
        daemon.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  private static String number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.]+)").matcher(json);
    return m.find() ? m.group(1) : "?";
  }

  private static String object(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":(\\{[^}]*\\})").matcher(json);
    return m.find() ? m.group(1) : "?";
  }
}

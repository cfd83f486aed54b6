package dev.ironcliw.benchmarks.run;

import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.capture.x11.XTestClient;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end: what an idle daemon costs. {@code ./ironcliw run} on a still 1920x1080 Xvfb at 10 FPS
 * (vision off, text read as configured by default) is left alone for {@code warmSeconds} (its first
 * text read, the JIT), then measured for {@code seconds} without a request to it: the share of a
 * core by thread and the wake-ups (context switches, voluntary and not) a second by thread, from
 * {@code /proc/PID/task}, and the X server's own CPU (the round trips capture makes it answer).
 * SoakRun's idle phase asks {@code status} every second, which its figure includes; this does not.
 *
 * <pre>./ironcliw bench IdleRun [warmSeconds=120] [seconds=180]
 * </pre>
 *
 * Run from the repository root (Linux).
 */
public final class IdleRun {
  private IdleRun() {}

  public static void main(String[] args) throws Exception {
    int warmSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 120;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 180;
    Path work = Files.createTempDirectory("ironcliw-idle");
    Path config = work.resolve("ironcliw.yaml");
    Files.writeString(config, "capture:\n  fps: 10\nvision:\n  provider: none\n");
    Path data = work.resolve("data");
    int port = DaemonClient.freePort();
    DaemonClient api = new DaemonClient(data, port);
    try (XvfbServer xvfb = XvfbServer.start(1920, 1080);
        XTestClient client = new XTestClient(xvfb.display())) {
      client.rootColour(0x2a3540);
      client.window(200, 150, 900, 500, 0xF0F0F0, "notes", "notes");
      Process daemon =
          api.launch(config, "x11", work.resolve("daemon.log"), Map.of("DISPLAY", xvfb.display()));
      try {
        api.awaitStarted(daemon);
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmSeconds));
        long pid = daemon.pid(); // the launcher execs the JVM
        Map<String, long[]> before = byThread(pid);
        long xBefore = ProcessSampler.cpuTicks(Files.readString(stat(xvfb.pid())));
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        Map<String, long[]> after = byThread(pid);
        long xAfter = ProcessSampler.cpuTicks(Files.readString(stat(xvfb.pid())));
        print(warmSeconds, seconds, before, after, xAfter - xBefore);
      } finally {
        daemon.destroy();
        daemon.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static Path stat(long pid) {
    return Path.of("/proc", Long.toString(pid), "stat");
  }

  /** By thread name (a pool's threads added up): CPU ticks and context switches so far. */
  private static Map<String, long[]> byThread(long pid) throws IOException {
    Map<String, long[]> totals = new HashMap<>();
    try (DirectoryStream<Path> threads =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path thread : threads) {
        try {
          String name = Files.readString(thread.resolve("comm")).strip();
          long ticks = ProcessSampler.cpuTicks(Files.readString(thread.resolve("stat")));
          long switches = 0;
          for (String line : Files.readAllLines(thread.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")
                || line.startsWith("nonvoluntary_ctxt_switches:")) {
              switches += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
          }
          long[] total = totals.computeIfAbsent(name, n -> new long[2]);
          total[0] += ticks;
          total[1] += switches;
        } catch (NoSuchFileException ended) {
          // a thread that ended: left out
        }
      }
    }
    return totals;
  }

  private static void print(
      int warmSeconds,
      int seconds,
      Map<String, long[]> before,
      Map<String, long[]> after,
      long xvfbTicks) {
    List<String[]> rows = new ArrayList<>();
    long allTicks = 0;
    long allSwitches = 0;
    for (var e : after.entrySet()) {
      long[] was = before.getOrDefault(e.getKey(), new long[2]);
      long ticks = e.getValue()[0] - was[0];
      long switches = e.getValue()[1] - was[1];
      allTicks += ticks;
      allSwitches += switches;
      if (ticks > 0 || switches >= seconds) {
        rows.add(new String[] {e.getKey(), pct(ticks, seconds), rate(switches, seconds)});
      }
    }
    rows.sort((a, b) -> Double.compare(Double.parseDouble(b[1]), Double.parseDouble(a[1])));
    System.out.printf(
        Locale.ROOT,
        "idle daemon, 1920x1080 Xvfb at 10 FPS, measured %d s after %d s alone:%n"
            + "  %s%% of one core, %s wake-ups a second; the X server %s%% of one core%n%n"
            + "| thread | %% of one core | wake-ups a second |%n| --- | --- | --- |%n",
        seconds,
        warmSeconds,
        pct(allTicks, seconds),
        rate(allSwitches, seconds),
        pct(xvfbTicks, seconds));
    for (String[] row : rows) {
      System.out.printf("| %s | %s | %s |%n", row[0], row[1], row[2]);
    }
  }

  /** Clock ticks (1/100 s) over {@code seconds} as a percent of one core. */
  private static String pct(long ticks, int seconds) {
    return String.format(Locale.ROOT, "%.2f", (double) ticks / seconds);
  }

  private static String rate(long count, int seconds) {
    return String.format(Locale.ROOT, "%.1f", (double) count / seconds);
  }
}

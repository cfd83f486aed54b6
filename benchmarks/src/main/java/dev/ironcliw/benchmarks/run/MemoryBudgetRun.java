package dev.ironcliw.benchmarks.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironcliw.config.MemorySettings;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * End-to-end: {@code ./ironcliw run} replaying 1920x1080 frames (a desktop with typing and window
 * switches, looped) at 10 FPS for 10 minutes by default, with {@code memory.total} at 512 MiB and
 * nothing else set: every budget is its share of the total. Every second it reads the daemon's
 * resident memory, which the daemon takes from {@code /proc/self/status}, and at the end prints the
 * figures and whether they stayed under the total plus {@link MemorySettings#FIXED_OVERHEAD_BYTES}
 * (what the JVM and the native libraries take besides the budgets). It exits non-zero when the peak
 * passed them.
 *
 * <pre>./ironcliw bench MemoryBudgetRun [seconds]
 * </pre>
 *
 * Run from the repository root, on Linux.
 */
public final class MemoryBudgetRun {
  static final int TOTAL_MIB = 512;
  static final int FIXED_OVERHEAD_MIB = (int) (MemorySettings.FIXED_OVERHEAD_BYTES >> 20);
  private static final int WARM_UP_SECONDS = 60;
  private static final int FRAMES = 60;
  private static final ObjectMapper JSON = new ObjectMapper();

  private MemoryBudgetRun() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    Path work = Files.createTempDirectory("ironcliw-memory");
    Path frames = Files.createDirectories(work.resolve("frames"));
    writeFrames(frames);
    Path config = work.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        """
        capture:
          fps: 10
          replayLoop: true
        vision:
          provider: none
        memory:
          total: %dMiB
        """
            .formatted(TOTAL_MIB));
    Path data = work.resolve("data");
    int port = DaemonClient.freePort();
    DaemonClient api = new DaemonClient(data, port);
    Process daemon = api.launch(config, "replay:" + frames, work.resolve("daemon.log"));
    List<long[]> samples = new ArrayList<>(); // second, rss, anon, file
    JsonNode last;
    try {
      api.awaitStarted(daemon);
      long start = System.nanoTime();
      long next = start;
      do {
        next += TimeUnit.SECONDS.toNanos(1);
        last = JSON.readTree(api.get("/api/v1/status"));
        JsonNode process = last.path("memory").path("process");
        samples.add(
            new long[] {
              (System.nanoTime() - start) / 1_000_000_000L,
              process.path("rssBytes").asLong(),
              process.path("rssAnonBytes").asLong(),
              process.path("rssFileBytes").asLong()
            });
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          TimeUnit.NANOSECONDS.sleep(sleep);
        }
      } while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds));
    } finally {
      daemon.destroy();
      daemon.waitFor(60, TimeUnit.SECONDS);
    }
    if (!report(seconds, samples, last)) {
      System.exit(1);
    }
  }

  /** Prints the figures; whether the peak stayed under the total plus the fixed overhead. */
  private static boolean report(int seconds, List<long[]> samples, JsonNode status) {
    List<long[]> steady = samples.stream().filter(s -> s[0] >= WARM_UP_SECONDS).toList();
    if (steady.isEmpty()) {
      steady = samples;
    }
    long limit = (long) (TOTAL_MIB + FIXED_OVERHEAD_MIB) << 20;
    long max = samples.stream().mapToLong(s -> s[1]).max().orElse(0);
    long steadyFirst = steady.getFirst()[1];
    long steadyLast = steady.getLast()[1];
    System.out.printf(
        Locale.ROOT,
        "memory budget run: %d s replaying 1920x1080 at 10 FPS, memory.total %d MiB, %d samples%n"
            + "  RSS MiB: median %.1f, p95 %.1f, max %.1f (anonymous max %.1f, mapped files max"
            + " %.1f)%n"
            + "  after %d s warm-up: first %.1f, last %.1f, growth %+.1f%%%n"
            + "  limit total + fixed overhead %d + %d MiB: %s%n"
            + "  frames %s, verdicts %s, fps %s, ring %s/%s slots, pressure %s%n"
            + "  budgets (shares of the total) %s%n"
            + "  ring history %s%n",
        seconds,
        TOTAL_MIB,
        samples.size(),
        mib(percentile(samples, 1, 0.5)),
        mib(percentile(samples, 1, 0.95)),
        mib(max),
        mib(samples.stream().mapToLong(s -> s[2]).max().orElse(0)),
        mib(samples.stream().mapToLong(s -> s[3]).max().orElse(0)),
        WARM_UP_SECONDS,
        mib(steadyFirst),
        mib(steadyLast),
        100.0 * (steadyLast - steadyFirst) / Math.max(1, steadyFirst),
        TOTAL_MIB,
        FIXED_OVERHEAD_MIB,
        max <= limit ? "stayed under" : "PASSED BY " + mib(max - limit) + " MiB",
        status.path("frames").path("processed").asText(),
        status.path("frames").path("byVerdict"),
        status.path("capture").path("fpsActual10s").asText(),
        status.path("ring").path("activeSlots").asText(),
        status.path("ring").path("slots").asText(),
        status.path("memory").path("pressure").path("level").asText(),
        status.path("memory").path("budgetBytes"),
        status.path("ring").path("history"));
    return max <= limit;
  }

  private static long percentile(List<long[]> samples, int column, double p) {
    List<Long> values = new ArrayList<>(samples.stream().map(s -> s[column]).toList());
    Collections.sort(values);
    return values.get((int) Math.min(values.size() - 1, Math.floor(p * values.size())));
  }

  private static double mib(long bytes) {
    return bytes / 1048576.0;
  }

  /** A desktop: two windows, a line typed a character a frame, a window switch every 20 frames. */
  private static void writeFrames(Path dir) throws Exception {
    String text = "The quick brown fox jumps over the lazy dog while the daemon watches. ";
    for (int i = 0; i < FRAMES; i++) {
      BufferedImage image = new BufferedImage(1920, 1080, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setColor(new Color(0x2E3440));
      g.fillRect(0, 0, 1920, 1080);
      boolean editorOnTop = (i / 20) % 2 == 0;
      drawWindow(g, editorOnTop ? 900 : 100, 120, new Color(0xECEFF4), "browser");
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 18));
      drawWindow(g, editorOnTop ? 100 : 900, 160, Color.WHITE, "editor");
      g.setColor(Color.BLACK);
      int x = editorOnTop ? 130 : 930;
      g.drawString(text.substring(0, Math.min(text.length(), i % 20 * 3 + 1)), x, 240);
      g.dispose();
      ImageIO.write(image, "png", dir.resolve("frame-%03d.png".formatted(i)).toFile());
    }
  }

  private static void drawWindow(Graphics2D g, int x, int y, Color body, String title) {
    g.setColor(new Color(0x4C566A));
    g.fillRect(x, y, 880, 36);
    g.setColor(body);
    g.fillRect(x, y + 36, 880, 700);
    g.setColor(Color.WHITE);
    g.drawString(title, x + 12, y + 24);
  }
}

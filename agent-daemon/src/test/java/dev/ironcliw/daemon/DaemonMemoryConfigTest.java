package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.testing.Waits;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory budgets changed while the daemon runs: the ring shrinks from a config-file edit while a
 * client keeps reading frame images, invalid edits are rejected with the running values kept, and
 * {@code /api/v1/config} shows and sets live keys. The ring holds {@code capture.ringHistory} at
 * the capture rate when its budget allows.
 */
class DaemonMemoryConfigTest {
  private static final int W = 640;
  private static final int H = 360;

  @TempDir Path dir;

  private static String yaml(String frameRing) {
    return "capture:\n  fps: 20\n  synthetic:\n    width: "
        + W
        + "\n    height: "
        + H
        + "\n  ringHistory: 1min\nmemory:\n  budgets:\n    frameRing: "
        + frameRing
        + "\n";
  }

  private static JsonObject ring(JsonObject status) {
    return status.getJsonObject("ring");
  }

  private static long expectedSlots(JsonObject status, long budgetBytes) {
    return (budgetBytes - 4096) / ring(status).getLong("slotBytes");
  }

  @Test
  void shouldShrinkTheRingFromAConfigEditWhileImagesAreServedWhole() throws Exception {
    Path config = dir.resolve("ironcliw.yaml");
    Files.writeString(config, yaml("64MiB"));
    try (DaemonProcess daemon = DaemonProcess.startSynthetic(dir.resolve("data"), config)) {
      JsonObject status =
          daemon.awaitStatus(
              s -> s.getJsonObject("frames").getLong("processed") > 20, Duration.ofSeconds(30));
      long fullSlots = ring(status).getLong("slots");
      assertEquals(expectedSlots(status, 64L << 20), fullSlots);
      assertEquals(fullSlots, ring(status).getLong("activeSlots"));
      long smallSlots = expectedSlots(status, 16L << 20);
      // Frames in slots the smaller ring leaves out, so the shrink has pages to give back.
      daemon.awaitStatus(
          s -> ring(s).getLong("occupiedSlots") > smallSlots + 2, Duration.ofSeconds(60));

      ImageReader reader = new ImageReader(daemon, fullSlots);
      Thread readerThread = Thread.ofPlatform().start(reader);
      try {
        Thread.sleep(1_000);
        long editedAt = System.nanoTime();
        Files.writeString(config, yaml("16MiB"));
        status =
            daemon.awaitStatus(
                s -> ring(s).getLong("activeSlots") == smallSlots, Duration.ofSeconds(15));
        double seconds = (System.nanoTime() - editedAt) / 1e9;
        // Frames the pipeline still held at the resize are dropped as soon as it moves on.
        status =
            daemon.awaitStatus(
                s ->
                    ring(s).getLong("releasedBytes") > 0
                        && ring(s).getLong("occupiedSlots") <= smallSlots,
                Duration.ofSeconds(15));
        System.out.printf(
            "ring budget 64MiB -> 16MiB: %d -> %d slots in status after %.2f s, %d bytes of"
                + " slot pages given back%n",
            fullSlots, smallSlots, seconds, ring(status).getLong("releasedBytes"));
        assertTrue(ring(status).getLong("releasedBytes") > 0, ring(status).encode());
        assertEquals(
            ring(status).getLong("activeBytes"),
            status.getJsonObject("memory").getJsonObject("usedBytes").getLong("frameRing"));
        assertEquals(
            16L << 20,
            status.getJsonObject("memory").getJsonObject("budgetBytes").getLong("frameRing"));
        // Keep reading from the smaller ring: 2 s, longer on a loaded machine where reads are slow.
        Waits.await("more than 20 whole images read from the smaller ring", Duration.ofSeconds(30))
            .pollDelay(Duration.ofSeconds(2))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> reader.whole.get() > 20);
      } finally {
        reader.running.set(false);
        readerThread.join();
      }
      System.out.printf(
          "image reads during the resize: %s%n",
          reader.byStatus.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(", ")));
      assertTrue(reader.failure.get() == null, reader.failure.get());
      assertTrue(reader.whole.get() > 20, "too few images read: " + reader.byStatus);

      // Invalid edits: a bad value, and a total too small for the shares of the other budgets.
      long processed = daemon.status().getJsonObject("frames").getLong("processed");
      Files.writeString(config, yaml("12XB"));
      daemon.awaitOutput("config change rejected", Duration.ofSeconds(10));
      Files.writeString(config, yaml("16MiB").replace("memory:\n", "memory:\n  total: 64MiB\n"));
      daemon.awaitOutput(
          "it needs; lower a budget you set or raise memory.total", Duration.ofSeconds(10));
      status =
          daemon.awaitStatus(
              s -> s.getJsonObject("frames").getLong("processed") > processed + 20,
              Duration.ofSeconds(30));
      assertEquals(expectedSlots(status, 16L << 20), ring(status).getLong("activeSlots"));
      assertEquals(0, daemon.terminate());
    }
  }

  @Test
  void shouldSizeTheRingByItsHistoryAtTheCaptureRate() throws Exception {
    Path config = dir.resolve("ironcliw.yaml");
    // The default budget, 40% of 512 MiB, holds 232 frames of 640x360: the history decides.
    Files.writeString(
        config, "capture:\n  fps: 20\n  synthetic:\n    width: " + W + "\n    height: " + H + "\n");
    try (DaemonProcess daemon = DaemonProcess.startSynthetic(dir.resolve("data"), config)) {
      JsonObject status =
          daemon.awaitStatus(
              s -> s.getJsonObject("frames").getLong("processed") > 20, Duration.ofSeconds(30));
      assertEquals(50, ring(status).getLong("slots"), ring(status).encode()); // 2.5 s at 20 FPS
      assertEquals(50, ring(status).getLong("activeSlots"));
      assertEquals(2.5, ring(status).getJsonObject("history").getDouble("secondsAtCaptureRate"));
      assertEquals(
          4096 + 50 * ring(status).getLong("slotBytes"),
          Files.size(dev.ironcliw.daemon.lifecycle.RingLocation.fileFor(dir.resolve("data"))));

      HttpResponse<String> set =
          daemon.put("/api/v1/config/capture.ringHistory", "{\"value\": \"1s\"}");
      assertEquals(200, set.statusCode(), set.body());
      status =
          daemon.awaitStatus(s -> ring(s).getLong("activeSlots") == 20, Duration.ofSeconds(10));
      assertEquals(1.0, ring(status).getJsonObject("history").getDouble("secondsAtCaptureRate"));

      set = daemon.put("/api/v1/config/capture.fps", "{\"value\": 5}");
      assertEquals(200, set.statusCode(), set.body());
      // 1 s at 5 FPS is 5 frames; 4 slots is the least, 5 it is.
      status = daemon.awaitStatus(s -> ring(s).getLong("activeSlots") == 5, Duration.ofSeconds(10));
      assertEquals(1.0, ring(status).getJsonObject("history").getDouble("secondsAtCaptureRate"));

      // More than the ring started with: it stays at its 50 slots until a restart.
      set = daemon.put("/api/v1/config/capture.ringHistory", "{\"value\": \"1min\"}");
      assertEquals(200, set.statusCode(), set.body());
      status =
          daemon.awaitStatus(s -> ring(s).getLong("activeSlots") == 50, Duration.ofSeconds(10));
      assertEquals(10.0, ring(status).getJsonObject("history").getDouble("secondsAtCaptureRate"));
      assertEquals(0, daemon.terminate());
    }
  }

  @Test
  void shouldShowWhereEachValueCameFromAndSetLiveKeys() throws Exception {
    Path config = dir.resolve("ironcliw.yaml");
    Files.writeString(config, yaml("16MiB"));
    try (DaemonProcess daemon =
        DaemonProcess.startSynthetic(dir.resolve("data"), config, "--fps", "10")) {
      JsonObject all = new JsonObject(daemon.get("/api/v1/config").body());
      assertEquals(config.toString(), all.getString("file"));
      Map<String, JsonObject> keys =
          all.getJsonArray("keys").stream()
              .map(JsonObject.class::cast)
              .collect(Collectors.toMap(k -> k.getString("key"), k -> k));
      assertEquals("file", keys.get("memory.budgets.frameRing").getString("source"));
      assertEquals(16L << 20, keys.get("memory.budgets.frameRing").getLong("bytes"));
      assertEquals("flag", keys.get("capture.fps").getString("source"));
      assertEquals("default", keys.get("memory.budgets.heap").getString("source"));
      // The text index's writer buffer is a budget like the others, reserved whole at start: its
      // default is its share, 3% of the default total.
      long textIndex = (long) ((512L << 20) * 0.03);
      assertEquals(textIndex, keys.get("memory.budgets.textIndex").getLong("bytes"));
      JsonObject memory = daemon.status().getJsonObject("memory");
      assertEquals(textIndex, memory.getJsonObject("budgetBytes").getLong("textIndex"));
      assertEquals(textIndex, memory.getJsonObject("usedBytes").getLong("textIndex"));
      assertEquals(true, keys.get("memory.pressure.high").getBoolean("live"));
      assertEquals(false, keys.get("api.port").getBoolean("live"));

      HttpResponse<String> set =
          daemon.put("/api/v1/config/memory.budgets.frameRing", "{\"value\": \"8MiB\"}");
      assertEquals(400, set.statusCode(), set.body());
      assertTrue(set.body().contains("out of range"), set.body());

      set = daemon.put("/api/v1/config/memory.pressure.actions.high", "{\"value\": \"nap\"}");
      assertEquals(400, set.statusCode(), set.body());
      assertTrue(set.body().contains("\\\"nap\\\" is not allowed"), set.body());

      set = daemon.put("/api/v1/config/api.port", "{\"value\": 9000}");
      assertEquals(409, set.statusCode(), set.body());
      set = daemon.put("/api/v1/config/memory.nope", "{\"value\": 1}");
      assertEquals(404, set.statusCode(), set.body());
      set = daemon.put("/api/v1/config/capture.fps", "not json");
      assertEquals(400, set.statusCode(), set.body());
      set = daemon.put("/api/v1/config/capture.fps", "{\"value\": \"" + "9".repeat(20_000) + "\"}");
      assertEquals(413, set.statusCode(), set.body());

      set = daemon.put("/api/v1/config/memory.budgets.frameRing", "{\"value\": \"4%\"}");
      assertEquals(200, set.statusCode(), set.body());
      JsonObject entry = new JsonObject(set.body());
      assertEquals("api", entry.getString("source"));
      JsonObject status = daemon.status();
      long fourPercent = status.getJsonObject("memory").getLong("totalBytes") * 4 / 100;
      long expected = Math.min(ring(status).getLong("slots"), expectedSlots(status, fourPercent));
      daemon.awaitStatus(s -> ring(s).getLong("activeSlots") == expected, Duration.ofSeconds(10));
      String metrics = daemon.get("/metrics").body();
      assertTrue(metrics.contains("ironcliw_ring_active_slots " + expected + ".0"), metrics);
      assertTrue(
          metrics.contains(
              "ironcliw_memory_budget_bytes{component=\"frameRing\"} " + (double) fourPercent),
          metrics);
      assertTrue(metrics.contains("ironcliw_memory_used_bytes{component=\"dedup\"}"), metrics);
      assertTrue(metrics.contains("ironcliw_process_resident_bytes "), metrics);
      assertTrue(metrics.contains("ironcliw_memory_pressure_level 0.0"), metrics);
      assertTrue(metrics.contains("ironcliw_frames_total{verdict=\"CHANGE\"}"), metrics);
      assertTrue(metrics.contains("ironcliw_capture_fps_target 10.0"), metrics);
      assertTrue(metrics.contains("ironcliw_capture_grab_seconds{quantile=\"0.99\"}"), metrics);
      assertTrue(metrics.contains("ironcliw_vision_breaker_open 0.0"), metrics);

      set = daemon.put("/api/v1/config/capture.fps", "{\"value\": 5}");
      assertEquals(200, set.statusCode(), set.body());
      daemon.awaitStatus(
          s -> s.getJsonObject("capture").getDouble("fpsTarget") == 5.0, Duration.ofSeconds(10));
      assertEquals(0, daemon.terminate());
    }
  }

  /** Reads the images of the newest frames in a loop; any answer but whole PNGs or gone fails. */
  private static final class ImageReader implements Runnable {
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong whole = new AtomicLong();
    final AtomicReference<String> failure = new AtomicReference<>();
    final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final DaemonProcess daemon;
    private final long depth;

    ImageReader(DaemonProcess daemon, long depth) {
      this.daemon = daemon;
      this.depth = depth;
    }

    @Override
    public void run() {
      try {
        long k = 0;
        while (running.get()) {
          long last = daemon.status().getJsonObject("frames").getLong("lastSeq");
          long seq = Math.max(0, last - (k++ % depth));
          HttpResponse<byte[]> image = daemon.getBytes("/api/v1/frames/" + seq + "/image");
          byStatus.computeIfAbsent(image.statusCode(), c -> new AtomicLong()).incrementAndGet();
          if (image.statusCode() == 200) {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.body()));
            if (decoded == null || decoded.getWidth() != W || decoded.getHeight() != H) {
              failure.compareAndSet(null, "frame " + seq + ": not a whole " + W + "x" + H + " PNG");
            }
            whole.incrementAndGet();
          } else if (image.statusCode() != 404 && image.statusCode() != 410) {
            failure.compareAndSet(
                null, "frame " + seq + ": " + image.statusCode() + " " + new String(image.body()));
          }
        }
      } catch (Exception e) {
        failure.compareAndSet(null, e.toString());
      }
    }
  }
}

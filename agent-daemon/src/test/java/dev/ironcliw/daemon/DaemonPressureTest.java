package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.CaptureEventRecord;
import dev.ironcliw.daemon.pipeline.RingSizing;
import dev.ironcliw.daemon.pressure.MemoryPressureMonitor;
import dev.ironcliw.daemon.pressure.PressureActions;
import dev.ironcliw.vision.provider.StubProviderServer;
import dev.ironcliw.vision.provider.StubProviderServer.Reply;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon driven through the memory-pressure levels by a PSI file the test writes (the Linux
 * source reads it in place of /proc): each level's actions happen, and are undone as it falls.
 */
class DaemonPressureTest {
  private static final String INSIGHT =
      "{\"activity\": \"typing\", \"app\": \"notes\", \"needsHelp\": false, \"confidence\": 0.5}";

  @TempDir Path dir;

  private void psi(double some, double full) throws Exception {
    Path pressure = Files.createDirectories(dir.resolve("proc/pressure"));
    Path next = pressure.resolve("memory.next");
    Files.writeString(
        next,
        "some avg10=%.2f avg60=0.00 avg300=0.00 total=1\nfull avg10=%.2f avg60=0.00 avg300=0.00 total=1\n"
            .formatted(some, full));
    Files.move(
        next,
        pressure.resolve("memory"),
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static String level(JsonObject status) {
    return status.getJsonObject("memory").getJsonObject("pressure").getString("level");
  }

  private static JsonObject awaitLevel(DaemonProcess daemon, String level) throws Exception {
    return daemon.awaitStatus(s -> level(s).equals(level), Duration.ofSeconds(30));
  }

  @Test
  void shouldActAtEachPressureLevelAndUndoItAsPressureFalls() throws Exception {
    Files.createDirectories(dir.resolve("proc"));
    Files.writeString(
        dir.resolve("proc/meminfo"), "MemTotal: 16000000 kB\nMemAvailable: 12000000 kB\n");
    psi(0, 0);
    try (StubProviderServer stub =
        new StubProviderServer(
            Reply.json(200, StubProviderServer.anthropicReply(INSIGHT, 10, 10)).after(200))) {
      Path config = dir.resolve("ironcliw.yaml");
      Files.writeString(
          config,
          DaemonProcess.SMALL_DESKTOP_YAML.replace(
                  "    frameRing: 16MiB\n",
                  "    frameRing: 16MiB\n  pressure:\n    dwell: 2s\n    interval: 200ms\n")
              + "vision:\n  provider: anthropic\n  anthropic:\n    baseUrl: "
              + stub.uri("")
              + "\n");
      try (DaemonProcess daemon =
          DaemonProcess.start(
                  null,
                  dir.resolve("data"),
                  DaemonProcess.freePort(),
                  Map.of(
                      "ANTHROPIC_API_KEY",
                      "sk-ant-pressure",
                      "JAVA_TOOL_OPTIONS",
                      "-D" + MemoryPressureMonitor.PROC_ROOT_PROPERTY + "=" + dir.resolve("proc")),
                  "--config",
                  config.toString(),
                  "--source",
                  "synthetic")
              .awaitReady()) {
        JsonObject status = awaitLevel(daemon, "LOW");
        assertEquals(20.0, status.getJsonObject("capture").getDouble("fpsTarget"));
        long slots = status.getJsonObject("ring").getLong("slots");
        assertEquals(slots, status.getJsonObject("ring").getLong("activeSlots"));

        psi(15, 0);
        status = awaitLevel(daemon, "MEDIUM");
        assertEquals(
            List.of("one smaller crop per frame, no context image"),
            status
                .getJsonObject("memory")
                .getJsonObject("pressure")
                .getJsonArray("actions")
                .getList());

        psi(40, 8);
        // The level in status is the one in force: its actions show in the same status.
        status = awaitLevel(daemon, "HIGH");
        assertEquals(10.0, status.getJsonObject("capture").getDouble("fpsTarget"), "halved");
        assertEquals(20.0, status.getJsonObject("capture").getDouble("fpsConfigured"));
        long half = slots / 2;
        daemon.awaitStatus(
            s -> s.getJsonObject("ring").getLong("activeSlots") == half, Duration.ofSeconds(10));
        String metrics = daemon.get("/metrics").body();
        assertTrue(metrics.contains("ironcliw_memory_pressure_level 2.0"), metrics);
        assertTrue(
            metrics.contains("ironcliw_memory_pressure_action{action=\"shrinkRing\"} 1.0"),
            metrics);
        assertTrue(
            metrics.contains("ironcliw_memory_pressure_action{action=\"pauseCapture\"} 0.0"),
            metrics);
        assertTrue(metrics.contains("ironcliw_memory_pressure_changes_total 2.0"), metrics);
        assertTrue(
            status.getJsonObject("vision").getString("description").contains("paused"),
            status.getJsonObject("vision").encode());

        psi(90, 30);
        // The actions apply one after the other: capture pauses, then the vision queue empties.
        status =
            daemon.awaitStatus(
                s ->
                    level(s).equals("CRITICAL")
                        && s.getString("state").equals("paused")
                        // the capture part is read before the state: a pause taken in between
                        // shows in the state only
                        && !s.getJsonObject("capture").getString("pauseReason").isEmpty()
                        && s.getJsonObject("vision").getJsonObject("queue").getInteger("batches")
                            == 0,
                Duration.ofSeconds(30));
        assertEquals(
            PressureActions.CRITICAL_PAUSE,
            status.getJsonObject("capture").getString("pauseReason"));
        long processedWhilePaused = status.getJsonObject("frames").getLong("processed");
        long missedBeforeResume = status.getJsonObject("capture").getLong("missedTicks");
        assertEquals(RingSizing.MINIMUM_SLOTS, status.getJsonObject("ring").getLong("targetSlots"));

        psi(0, 0);
        Thread.sleep(1_000);
        assertEquals("CRITICAL", level(daemon.status()), "still within the 2 s dwell");
        status =
            daemon.awaitStatus(
                s -> level(s).equals("LOW") && s.getString("state").equals("running"),
                Duration.ofSeconds(30));
        assertEquals(20.0, status.getJsonObject("capture").getDouble("fpsTarget"));
        assertTrue(
            status
                .getJsonObject("memory")
                .getJsonObject("pressure")
                .getJsonArray("actions")
                .isEmpty());
        assertTrue(!status.getJsonObject("vision").getString("description").contains("paused"));
        daemon.awaitStatus(
            s -> s.getJsonObject("ring").getLong("activeSlots") == slots, Duration.ofSeconds(10));
        daemon.awaitStatus(
            s -> s.getJsonObject("frames").getLong("processed") > processedWhilePaused + 10,
            Duration.ofSeconds(30));
        // Paused for over 2 s at 20 FPS: counted as missed, they would add 40 or more.
        long missed =
            daemon.status().getJsonObject("capture").getLong("missedTicks") - missedBeforeResume;
        assertTrue(missed < 20, "the ticks held back while paused are not missed: " + missed);

        // Actions are the config's: MEDIUM listing other actions, changed while it holds.
        var set =
            daemon.put(
                "/api/v1/config/memory.pressure.actions.medium",
                "{\"value\": \"shrinkRing, pauseCapture\"}");
        assertEquals(200, set.statusCode(), set.body());
        psi(15, 0);
        status =
            daemon.awaitStatus(
                s -> level(s).equals("MEDIUM") && s.getString("state").equals("paused"),
                Duration.ofSeconds(30));
        // Issue 20: the reason named CRITICAL whatever the level.
        assertEquals(
            "memory pressure medium", status.getJsonObject("capture").getString("pauseReason"));
        assertEquals(half, status.getJsonObject("ring").getLong("targetSlots"));
        assertEquals(20.0, status.getJsonObject("capture").getDouble("fpsTarget"), "not listed");
        set = daemon.put("/api/v1/config/memory.pressure.actions.medium", "{\"value\": \"\"}");
        assertEquals(200, set.statusCode(), set.body());
        status =
            daemon.awaitStatus(
                s -> level(s).equals("MEDIUM") && s.getString("state").equals("running"),
                Duration.ofSeconds(30));
        assertEquals(slots, status.getJsonObject("ring").getLong("targetSlots"));
        psi(0, 0);
        awaitLevel(daemon, "LOW");
        assertEquals(0, daemon.terminate());
      }
    }
    try (Journal journal = Journal.open(dir.resolve("data/journal"))) {
      List<String> levels =
          journal.pressureEvents().stream().map(e -> e.from() + ">" + e.to()).toList();
      assertEquals(
          List.of(
              "LOW>MEDIUM",
              "MEDIUM>HIGH",
              "HIGH>CRITICAL",
              "CRITICAL>LOW",
              "LOW>MEDIUM",
              "MEDIUM>LOW"),
          levels);
      assertTrue(
          journal.pressureEvents().get(2).readings().contains("PSI some 90.0% full 30.0%"),
          journal.pressureEvents().get(2).readings());
      List<CaptureEventRecord> pauses = journal.captureEvents();
      assertTrue(
          pauses.stream()
              .anyMatch(e -> e.paused() && e.reason().equals(PressureActions.CRITICAL_PAUSE)),
          pauses.toString());
      assertTrue(pauses.getLast().reason().equals("resumed"), pauses.toString());
    }
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.RecoveryReport;
import dev.ironcliw.ring.RingGeometry;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's life: live frames, a kill -9 and a restart, a SIGTERM, a live config change. */
class DaemonLifecycleTest {
  private static final String SMALL_DESKTOP = DaemonProcess.SMALL_DESKTOP_YAML;

  @TempDir Path temp;

  private Path config(String yaml) throws Exception {
    Path file = temp.resolve("ironcliw.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static List<JsonObject> frames(DaemonProcess daemon) throws Exception {
    return daemon.allFrames("", 1000);
  }

  @Test
  void shouldKeepJournalAndRingFramesAcrossAKillAndServeThemAfterRestart() throws Exception {
    Path data = temp.resolve("data");
    // The budget sizes the ring in both runs: 10 min of history at 0.2 FPS is more than it holds.
    Path config = config(SMALL_DESKTOP.replace("  fps: 20\n", "  fps: 20\n  ringHistory: 10min\n"));
    List<JsonObject> before;
    try (DaemonProcess first = DaemonProcess.startSynthetic(data, config)) {
      first.awaitStatus(
          s ->
              s.getJsonObject("frames").getLong("byVerdict.CHANGE", 0L) >= 0
                  && s.getJsonObject("frames").getJsonObject("byVerdict").getLong("CHANGE") >= 5,
          Duration.ofSeconds(60));
      before = frames(first);
      first.kill9();
    }
    assertTrue(before.size() >= 5);
    JsonObject lastChange =
        before.reversed().stream()
            .filter(f -> f.getString("verdict").equals("CHANGE"))
            .findFirst()
            .orElseThrow();

    // Restart at the slowest rate so new frames do not push the old ones out of the ring.
    try (DaemonProcess second = DaemonProcess.startSynthetic(data, config, "--fps", "0.2")) {
      JsonObject status = second.status();
      assertTrue(status.getJsonObject("ring").getInteger("recoveredFrames") > 0, status.encode());
      List<JsonObject> after = frames(second);
      assertTrue(after.size() >= before.size(), "journal lost records");
      for (int i = 0; i < before.size(); i++) {
        assertEquals(before.get(i).getLong("seq"), after.get(i).getLong("seq"));
        assertEquals(before.get(i).getString("verdict"), after.get(i).getString("verdict"));
      }
      long seq = lastChange.getLong("seq");
      assertEquals(200, second.getBytes("/api/v1/frames/" + seq + "/image").statusCode());
      second.awaitStatus(
          s -> s.getJsonObject("frames").getLong("lastSeq") > before.getLast().getLong("seq"),
          Duration.ofSeconds(30));
    }
  }

  @Test
  void shouldStopCleanlyOnSigtermAndApplyALiveConfigChangeBefore() throws Exception {
    Path data = temp.resolve("data");
    Path config = config(SMALL_DESKTOP);
    try (DaemonProcess daemon =
        DaemonProcess.start(data, DaemonProcess.freePort(), "--config", config.toString())
            .awaitReady()) {
      daemon.awaitOutput("no display available", Duration.ofSeconds(5));
      JsonObject running =
          daemon.awaitStatus(
              s -> s.getJsonObject("frames").getLong("processed") > 20, Duration.ofSeconds(60));
      assertEquals(20.0, running.getJsonObject("capture").getDouble("fpsTarget"));

      Files.writeString(config, SMALL_DESKTOP.replace("fps: 20", "fps: 5"));
      daemon.awaitStatus(
          s -> s.getJsonObject("capture").getDouble("fpsTarget") == 5.0, Duration.ofSeconds(10));
      Files.writeString(config, SMALL_DESKTOP.replace("fps: 20", "fps: fast"));
      daemon.awaitOutput("config change rejected", Duration.ofSeconds(10));
      assertTrue(daemon.isAlive());
      JsonObject rejected =
          daemon.awaitStatus(
              s -> s.getJsonObject("config").getString("problem").startsWith("rejected"),
              Duration.ofSeconds(10));
      assertEquals(5.0, rejected.getJsonObject("capture").getDouble("fpsTarget"));

      // Deleted while running: the running configuration stays, not the defaults.
      Files.delete(config);
      JsonObject deleted =
          daemon.awaitStatus(
              s -> s.getJsonObject("config").getString("problem").equals("was deleted"),
              Duration.ofSeconds(10));
      assertEquals(5.0, deleted.getJsonObject("capture").getDouble("fpsTarget"));
      Files.writeString(config, SMALL_DESKTOP.replace("fps: 20", "fps: 8"));
      daemon.awaitStatus(
          s ->
              s.getJsonObject("capture").getDouble("fpsTarget") == 8.0
                  && s.getJsonObject("config").getString("problem").isEmpty(),
          Duration.ofSeconds(10));

      assertEquals(0, daemon.terminate());
      assertTrue(daemon.output().contains("stopped after"), daemon.output());
    }
    try (FrameRing ring =
        FrameRing.open(
            dev.ironcliw.daemon.lifecycle.RingLocation.fileFor(data),
            RingGeometry.forBudget(16 << 20, 320, 180),
            OffHeapBudget.unlimited())) {
      RecoveryReport report = ring.recoveryReport();
      assertTrue(report.reopened());
      assertTrue(report.validSlots() > 0);
      assertEquals(0, report.discardedSlots(), "a clean stop leaves no half-written slot");
    }
    try (Journal journal = Journal.open(data.resolve("journal"))) {
      assertTrue(journal.records() > 20);
    }
  }
}

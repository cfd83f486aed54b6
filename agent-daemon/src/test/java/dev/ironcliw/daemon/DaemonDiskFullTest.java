package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's disk filling up under a running daemon: its data dir is on a small tmpfs (56 MiB),
 * and a filler file takes the space away step by step. Keyframes stop first, then every record;
 * capture and the API go on; when the space is back, so is journaling; nothing stored before is
 * lost.
 */
class DaemonDiskFullTest {
  private static final long MIB = 1 << 20;

  @TempDir Path temp;

  @Test
  void shouldStopKeyframesThenRecordsAsTheDiskFillsAndRecoverWhenSpaceReturns() throws Exception {
    Path mount = Files.createDirectories(temp.resolve("tmpfs"));
    NativeRequirement.require(
        run("mount", "-t", "tmpfs", "-o", "size=56m", "tmpfs", mount.toString()), NativePiece.ROOT);
    try {
      Path shots = TestImages.noiseShots(temp.resolve("shots"), 600);
      Path config = temp.resolve("ironcliw.yaml");
      Files.writeString(
          config,
          """
          capture:
            fps: 10
          memory:
            budgets:
              frameRing: 16MiB
          diff:
            backend: cpu
          vision:
            provider: none
          history:
            keyframes:
              minInterval: 0s
            disk:
              keyframesMinFree: 16MiB
              recordsMinFree: 8MiB
          """);
      Path data = mount.resolve("data");
      Path filler = mount.resolve("filler");
      List<JsonObject> before;
      try (DaemonProcess daemon =
          DaemonProcess.start(
                  data,
                  DaemonProcess.freePort(),
                  "--config",
                  config.toString(),
                  "--source",
                  "replay:" + shots)
              .awaitReady()) {
        JsonObject ok =
            daemon.awaitStatus(s -> keyframes(s).getLong("written") >= 3, Duration.ofSeconds(60));
        assertEquals("OK", disk(ok).getString("state"), ok.encode());

        // Between the two thresholds: keyframes stop, records go on.
        fillUntilFree(filler, mount, 12 * MIB);
        JsonObject low =
            daemon.awaitStatus(
                s -> disk(s).getString("state").equals("LOW"), Duration.ofSeconds(5));
        long keyframesAtLow = keyframes(low).getLong("written");
        long recordsAtLow = journal(low).getLong("records");
        JsonObject lowLater =
            daemon.awaitStatus(
                s ->
                    disk(s).getLong("keyframesSkipped") >= 5
                        && journal(s).getLong("records") > recordsAtLow + 5,
                Duration.ofSeconds(30));
        // One keyframe may have been on its way when the state changed.
        assertTrue(keyframes(lowLater).getLong("written") <= keyframesAtLow + 1, lowLater.encode());

        // Below the lower one: nothing is journaled, capture and the API go on.
        fillUntilFree(filler, mount, 4 * MIB);
        JsonObject full =
            daemon.awaitStatus(
                s -> disk(s).getString("state").equals("FULL"), Duration.ofSeconds(5));
        long recordsAtFull = journal(full).getLong("records");
        long processedAtFull = full.getJsonObject("frames").getLong("processed");
        JsonObject fullLater =
            daemon.awaitStatus(
                s ->
                    s.getJsonObject("frames").getLong("processed") > processedAtFull + 10
                        && disk(s).getLong("recordsSkipped") >= 10,
                Duration.ofSeconds(30));
        assertTrue(journal(fullLater).getLong("records") <= recordsAtFull + 1, fullLater.encode());
        assertEquals(200, daemon.get("/api/v1/frames?limit=10").statusCode());
        assertEquals(0, disk(fullLater).getLong("writeFaults"), fullLater.encode());

        // Space back: records and keyframes again.
        Files.delete(filler);
        JsonObject back =
            daemon.awaitStatus(s -> disk(s).getString("state").equals("OK"), Duration.ofSeconds(5));
        long recordsBack = journal(back).getLong("records");
        long keyframesBack = keyframes(back).getLong("written");
        daemon.awaitStatus(
            s ->
                journal(s).getLong("records") > recordsBack + 5
                    && keyframes(s).getLong("written") > keyframesBack,
            Duration.ofSeconds(30));
        assertTrue(daemon.output().contains("keyframes stop, records go on"), daemon.output());
        assertTrue(daemon.output().contains("nothing more is journaled"), daemon.output());
        assertTrue(daemon.output().contains("written again"), daemon.output());
        before = daemon.allFrames("", 1000);
        assertEquals(0, daemon.terminate());
      }

      // Everything journaled is still there, and in order, after a restart.
      try (DaemonProcess again =
          DaemonProcess.start(
                  data,
                  DaemonProcess.freePort(),
                  "--config",
                  config.toString(),
                  "--source",
                  "synthetic")
              .awaitReady()) {
        List<JsonObject> after = again.allFrames("", 1000);
        assertTrue(after.size() >= before.size(), after.size() + " < " + before.size());
        for (int i = 0; i < before.size(); i++) {
          JsonObject was = DaemonProcess.recordOf(before.get(i));
          JsonObject is = DaemonProcess.recordOf(after.get(i));
          // Keyframes are written on their own thread after the record: one may have been on its
          // way when the frames were listed, and written before the daemon stopped.
          if (!was.getBoolean("keyframe") && is.getBoolean("keyframe")) {
            was.put("keyframe", true);
          }
          assertEquals(was, is, "frame " + i + " of " + before.size());
        }
      }

      // The ring is not on this disk (it is in shared memory): a daemon whose data dir has no
      // room still starts, captures, and journals nothing until there is room.
      fillUntilFree(filler, mount, 4 * MIB);
      try (DaemonProcess noRoom =
          DaemonProcess.start(
                  mount.resolve("other"),
                  DaemonProcess.freePort(),
                  "--config",
                  config.toString(),
                  "--source",
                  "synthetic")
              .awaitReady()) {
        assertTrue(noRoom.output().contains("frame ring: in shared memory"), noRoom.output());
        noRoom.awaitOutput("nothing more is journaled", Duration.ofSeconds(10));
        assertEquals(0, noRoom.terminate());
      }
    } finally {
      run("umount", "-l", mount.toString());
    }
  }

  private static JsonObject journal(JsonObject status) {
    return status.getJsonObject("journal");
  }

  private static JsonObject disk(JsonObject status) {
    return journal(status).getJsonObject("disk");
  }

  private static JsonObject keyframes(JsonObject status) {
    return journal(status).getJsonObject("keyframes");
  }

  /** Grows {@code filler} (written, not sparse) until {@code free} bytes are left on the mount. */
  private static void fillUntilFree(Path filler, Path mount, long free) throws IOException {
    long usable = Files.getFileStore(mount).getUsableSpace();
    long toWrite = usable - free;
    assertTrue(toWrite > 0, "only " + usable + " bytes free already");
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out =
        Files.newOutputStream(
            filler,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND)) {
      for (long written = 0; written < toWrite; written += chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, toWrite - written));
      }
    }
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
  }
}

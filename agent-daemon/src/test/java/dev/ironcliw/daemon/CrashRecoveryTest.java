package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the daemon with SIGKILL at random points while it captures and journals, restarting it on
 * the same data dir each time. After every restart the ring and journal must reopen, every record
 * served before the kill must be served again unchanged, no torn record may be served, and the only
 * holes in the sequence numbers must be the frames the daemon itself reports as lost.
 */
@Tag("slow") // left out by ./mvnw verify -Pquick
class CrashRecoveryTest {
  /** How many kills; {@code -Dironcliw.crashKills=N} changes it. */
  private static final int KILLS = Integer.getInteger("ironcliw.crashKills", 50);

  private static final Set<String> VERDICTS = Set.of("DUPLICATE", "REVISIT", "VOLATILE", "CHANGE");

  @TempDir Path temp;

  @Test
  void shouldReopenRingAndJournalAfterEachOfManyKillsAndLoseOnlyFramesInFlight() throws Exception {
    Path data = temp.resolve("data");
    Path config = temp.resolve("ironcliw.yaml");
    // No device probing and no provider probing at start: 2-3 s less for each of the restarts.
    Files.writeString(
        config,
        DaemonProcess.SMALL_DESKTOP_YAML.replace("fps: 20", "fps: 30")
            + "diff:\n  backend: cpu\nvision:\n  provider: none\n");
    long seed = Long.getLong("ironcliw.crashSeed", System.nanoTime());
    Random random = new Random(seed);

    Map<Long, Long> lostAtFirstSeq = new HashMap<>();
    List<JsonObject> served = List.of();
    long servedBeforeKill = -1;
    long lostTotal = 0;
    int discardedTotal = 0;
    int maxLost = 0;
    long startMillisTotal = 0;
    for (int run = 0; run <= KILLS; run++) {
      long startedAt = System.nanoTime();
      try (DaemonProcess daemon = DaemonProcess.startSynthetic(data, config)) {
        startMillisTotal += (System.nanoTime() - startedAt) / 1_000_000;
        String context = "run " + run + " (seed " + seed + ")";
        JsonObject recovery = daemon.status().getJsonObject("recovery");
        long lost = recovery.getLong("framesLost");
        assertEquals(
            0,
            recovery.getLong("journalDamaged"),
            context + ": a kill mid-write is not damage: " + recovery);
        int slots = daemon.status().getJsonObject("ring").getInteger("slots");
        assertTrue(lost <= slots, context + ": more frames lost than the ring holds: " + recovery);
        assertTrue(
            recovery.getLong("journalLastSeq") >= servedBeforeKill,
            context + ": the journal lost a record it had served: " + recovery);
        lostAtFirstSeq.put(recovery.getLong("firstSeq"), lost);
        lostTotal += lost;
        maxLost = Math.max(maxLost, (int) lost);
        discardedTotal += recovery.getInteger("ringSlotsDiscarded");

        List<JsonObject> frames = daemon.allFrames("", 1000);
        checkEachRecord(frames, context);
        checkHolesAreTheReportedLosses(frames, lostAtFirstSeq, context);
        checkNothingServedWasLostOrChanged(served, frames, context);
        checkRingImages(daemon, frames, context);

        if (run == KILLS) {
          daemon.awaitStatus(
              s -> s.getJsonObject("frames").getLong("lastSeq") >= recovery.getLong("firstSeq"),
              Duration.ofSeconds(30));
          break;
        }
        // Let frames flow, then kill at a random moment of capturing and journaling.
        daemon.awaitStatus(
            s -> s.getJsonObject("frames").getLong("processed") > 0, Duration.ofSeconds(30));
        Thread.sleep(random.nextInt(50, 1200));
        servedBeforeKill = daemon.status().getJsonObject("journal").getLong("lastSeq");
        served = frames;
        Thread.sleep(random.nextInt(0, 100));
        daemon.kill9();
      }
    }
    System.out.printf(
        "crash recovery: %d kills, %d frames lost in all (at most %d at one kill, %.2f a kill),"
            + " %d half-written ring slots discarded, %d ms a restart on average (seed %d)%n",
        KILLS,
        lostTotal,
        maxLost,
        (double) lostTotal / KILLS,
        discardedTotal,
        startMillisTotal / (KILLS + 1),
        seed);
  }

  /** Every record is whole: its fields are valid and in order. */
  private static void checkEachRecord(List<JsonObject> frames, String context) {
    Instant previousTime = Instant.MIN;
    long previousSeq = -1;
    for (JsonObject f : frames) {
      String what = context + ": record " + f.encode();
      assertTrue(f.getLong("seq") > previousSeq, what + " is out of order");
      assertTrue(VERDICTS.contains(f.getString("verdict")), what + " has no valid verdict");
      assertEquals(320, f.getInteger("width"), what);
      assertEquals(180, f.getInteger("height"), what);
      Instant time = Instant.parse(f.getString("capturedAt"));
      assertTrue(!time.isBefore(previousTime), what + " goes back in time");
      assertEquals(16, f.getString("fingerprint").length(), what);
      previousSeq = f.getLong("seq");
      previousTime = time;
    }
  }

  /**
   * Within a run every frame is journaled, so sequence numbers go up by one; across a restart the
   * hole is exactly the count the new run reported as lost.
   */
  private static void checkHolesAreTheReportedLosses(
      List<JsonObject> frames, Map<Long, Long> lostAtFirstSeq, String context) {
    for (int i = 1; i < frames.size(); i++) {
      long before = frames.get(i - 1).getLong("seq");
      long seq = frames.get(i).getLong("seq");
      if (seq == before + 1 && !lostAtFirstSeq.containsKey(seq)) {
        continue;
      }
      Long lost = lostAtFirstSeq.get(seq);
      if (lost == null) {
        fail(context + ": frames " + (before + 1) + " to " + (seq - 1) + " missing mid-run");
      }
      assertEquals(
          (long) lost,
          seq - before - 1,
          context + ": the hole before seq " + seq + " is not what the daemon reported lost");
    }
  }

  private static void checkNothingServedWasLostOrChanged(
      List<JsonObject> served, List<JsonObject> frames, String context) {
    assertTrue(frames.size() >= served.size(), context + ": fewer records than before the kill");
    for (int i = 0; i < served.size(); i++) {
      assertEquals(
          DaemonProcess.recordOf(served.get(i)),
          DaemonProcess.recordOf(frames.get(i)),
          context + ": a served record changed");
    }
  }

  /** The newest frames' images: a PNG while the ring holds the frame, a 404 or 410 after. */
  private static void checkRingImages(DaemonProcess daemon, List<JsonObject> frames, String context)
      throws Exception {
    for (int i = Math.max(0, frames.size() - 3); i < frames.size(); i++) {
      long seq = frames.get(i).getLong("seq");
      HttpResponse<byte[]> image = daemon.getBytes("/api/v1/frames/" + seq + "/image");
      int code = image.statusCode();
      assertTrue(
          code == 200 || code == 404 || code == 410, context + ": image " + seq + " " + code);
      if (code == 200) {
        byte[] png = image.body();
        assertTrue(
            png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G',
            context + ": image " + seq + " is not a PNG");
      }
    }
  }
}

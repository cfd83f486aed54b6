package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.RecoveryReport;
import dev.ironcliw.ring.RingGeometry;
import dev.ironcliw.testing.Waits;
import dev.ironcliw.vision.provider.StubProviderServer;
import dev.ironcliw.vision.provider.StubProviderServer.Reply;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of a burst: every frame a change at the highest capture rate (30 FPS, each
 * one journaled and batched for the vision stage), vision calls in flight to a slow provider, a
 * client on the event stream. The daemon must exit 0 within a bounded time, having journaled every
 * frame it processed and left no half-written ring slot.
 */
class DaemonShutdownTest {
  /** How long a stop may take: the slowest part is waiting for a vision call to give up. */
  private static final Duration STOP_BOUND = Duration.ofSeconds(20);

  private static final String INSIGHT =
      "{\"activity\": \"noise\", \"app\": \"viewer\", \"needsHelp\": false,"
          + " \"suggestion\": \"\", \"confidence\": 0.5}";

  @TempDir Path temp;

  @Test
  void shouldExitZeroFlushedAndBoundedOnSigtermDuringABurst() throws Exception {
    Path shots = TestImages.noiseShots(temp.resolve("shots"), 900);
    Path data = temp.resolve("data");
    try (StubProviderServer stub =
        new StubProviderServer(
            Reply.json(200, StubProviderServer.anthropicReply(INSIGHT, 10, 5)).after(800))) {
      Path config = temp.resolve("ironcliw.yaml");
      Files.writeString(
          config,
          """
          capture:
            fps: 30
          memory:
            budgets:
              frameRing: 16MiB
          diff:
            backend: cpu
          vision:
            provider: anthropic
            batch:
              size: 2
              maxWait: 50ms
            anthropic:
              model: claude-test
              baseUrl: %s
          """
              .formatted(stub.uri("")));
      try (DaemonProcess daemon =
          DaemonProcess.start(
                  null,
                  data,
                  DaemonProcess.freePort(),
                  Map.of("ANTHROPIC_API_KEY", "sk-ant-shutdown-test"),
                  "--config",
                  config.toString(),
                  "--source",
                  "replay:" + shots)
              .awaitReady()) {
        SseClient stream = new SseClient(daemon.uri("/api/v1/stream"), daemon.token());
        JsonObject busy =
            daemon.awaitStatus(
                s ->
                    s.getJsonObject("frames").getLong("processed") > 90
                        && s.getJsonObject("vision").getInteger("inFlight") > 0,
                Duration.ofSeconds(60));
        assertTrue(busy.getJsonObject("frames").getLong("processed") < 900, "still in the burst");

        long stopStart = System.nanoTime();
        int exit = daemon.terminate();
        Duration stopTook = Duration.ofNanos(System.nanoTime() - stopStart);
        System.out.printf(
            "SIGTERM during a burst: exit %d after %d ms%n", exit, stopTook.toMillis());
        assertEquals(0, exit, daemon.output());
        assertTrue(stopTook.compareTo(STOP_BOUND) < 0, "stopping took " + stopTook);
        assertFalse(
            Files.exists(data.resolve("daemon.lock")), "a clean stop leaves no lock file behind");
        Waits.await("the event stream closed", Duration.ofSeconds(5)).until(stream::ended);

        Matcher stopped = Pattern.compile("stopped after (\\d+) frames").matcher(daemon.output());
        assertTrue(stopped.find(), daemon.output());
        long processed = Long.parseLong(stopped.group(1));
        try (Journal journal = Journal.open(data.resolve("journal"))) {
          assertEquals(processed, journal.records(), "every processed frame is journaled");
          assertEquals(processed - 1, journal.lastSeq());
        }
        try (FrameRing ring =
            FrameRing.open(
                dev.ironcliw.daemon.lifecycle.RingLocation.fileFor(data),
                RingGeometry.forBudget(16 << 20, 160, 90),
                OffHeapBudget.unlimited())) {
          RecoveryReport report = ring.recoveryReport();
          assertEquals(0, report.discardedSlots(), "no half-written slot");
          assertEquals(processed - 1, report.highestFrameSeq(), "no frame captured but not judged");
        }
      }
    }
  }
}

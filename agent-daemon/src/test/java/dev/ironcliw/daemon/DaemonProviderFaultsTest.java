package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.vision.provider.StubProviderServer;
import dev.ironcliw.vision.provider.StubProviderServer.Reply;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vision provider misbehaving in every way in turn under one running daemon (a stub Messages
 * API server): garbage, a reply that is no insight, too slow, the connection dropped, then healthy,
 * then gone altogether. Each shows in {@code status} by kind, and frames keep flowing throughout.
 */
class DaemonProviderFaultsTest {
  private static final String API_KEY = "sk-ant-api03-FAULTS-TEST-KEY-00000000000000000000";
  private static final String INSIGHT =
      "{\"activity\": \"watching noise\", \"app\": \"viewer\", \"needsHelp\": false,"
          + " \"suggestion\": \"\", \"confidence\": 0.5}";

  @TempDir Path temp;

  @Test
  void shouldReportEachProviderFaultAndKeepProcessingFrames() throws Exception {
    Path shots = TestImages.noiseShots(temp.resolve("shots"), 900);
    StubProviderServer stub =
        new StubProviderServer(Reply.json(200, "<html>upstream error</html>"));
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        """
        capture:
          fps: 5
        memory:
          budgets:
            frameRing: 16MiB
        diff:
          backend: cpu
        vision:
          provider: anthropic
          batch:
            size: 1
            maxWait: 100ms
          limits:
            maxAttempts: 1
            requestTimeout: 1s
            requestsPerMinute: 600/min
          breaker:
            failures: 100
          anthropic:
            model: claude-test
            baseUrl: %s
        """
            .formatted(stub.uri("")));
    try (DaemonProcess daemon =
        DaemonProcess.start(
                null,
                temp.resolve("data"),
                DaemonProcess.freePort(),
                Map.of("ANTHROPIC_API_KEY", API_KEY),
                "--config",
                config.toString(),
                "--source",
                "replay:" + shots)
            .awaitReady()) {
      long processed = 0;

      processed = phase(daemon, processed, s -> failures(s, "MALFORMED") >= 2);

      stub.answerAlways(
          Reply.json(200, StubProviderServer.anthropicReply("I am not sure what I see.", 10, 5)));
      processed = phase(daemon, processed, s -> vision(s).getLong("invalidReplies") >= 1);

      stub.answerAlways(
          Reply.json(200, StubProviderServer.anthropicReply(INSIGHT, 10, 5)).after(2_500));
      processed = phase(daemon, processed, s -> failures(s, "TIMEOUT") >= 1);

      stub.answerAlways(Reply.dropped());
      processed = phase(daemon, processed, s -> failures(s, "CONNECTION") >= 1);

      stub.answerAlways(Reply.json(200, StubProviderServer.anthropicReply(INSIGHT, 10, 5)));
      processed = phase(daemon, processed, s -> vision(s).getLong("insights") >= 1);

      long connectionFailures = failures(daemon.status(), "CONNECTION");
      stub.close(); // gone: connections are refused
      JsonObject last =
          daemon.awaitStatus(
              s -> failures(s, "CONNECTION") > connectionFailures, Duration.ofSeconds(30));
      phase(daemon, processed, s -> true);

      assertEquals("CLOSED", vision(last).getJsonObject("breaker").getString("state"));
      assertTrue(daemon.isAlive());
      assertEquals(0, daemon.terminate());
      assertFalse(daemon.output().contains(API_KEY), "the key is never logged");
    } finally {
      stub.close();
    }
  }

  /** Waits for {@code reached}, then for frames processed beyond {@code processed}: not stuck. */
  private static long phase(DaemonProcess daemon, long processed, Predicate<JsonObject> reached)
      throws Exception {
    daemon.awaitStatus(reached, Duration.ofSeconds(30));
    JsonObject moved =
        daemon.awaitStatus(
            s -> s.getJsonObject("frames").getLong("processed") > processed + 2,
            Duration.ofSeconds(30));
    assertEquals("running", moved.getString("state"), moved.encode());
    return moved.getJsonObject("frames").getLong("processed");
  }

  private static JsonObject vision(JsonObject status) {
    return status.getJsonObject("vision");
  }

  private static long failures(JsonObject status, String kind) {
    return vision(status).getJsonObject("failures").getLong(kind, 0L);
  }
}

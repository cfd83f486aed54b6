package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.XvfbServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The X server going away under a running daemon (Xvfb killed) and coming back on the same display:
 * the daemon keeps running and serving, says in {@code status} that the display is lost and how it
 * retries, and captures again once the server is back.
 */
class DaemonX11ReconnectTest {
  @TempDir Path temp;

  @Test
  void shouldKeepRunningWhileTheXServerIsGoneAndCaptureAgainWhenItReturns() throws Exception {
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(config, "capture:\n  fps: 20\nmemory:\n  budgets:\n    frameRing: 16MiB\n");
    XvfbServer xvfb = XvfbServer.start(320, 180);
    try (DaemonProcess daemon =
        DaemonProcess.start(
                xvfb.display(),
                temp.resolve("data"),
                DaemonProcess.freePort(),
                "--config",
                config.toString())
            .awaitReady()) {
      daemon.awaitStatus(
          s -> s.getJsonObject("frames").getLong("processed") > 3, Duration.ofSeconds(30));

      xvfb.kill();
      JsonObject lost =
          daemon.awaitStatus(
              s -> capture(s).getJsonObject("connection").getString("state").startsWith("lost"),
              Duration.ofSeconds(10));
      assertTrue(capture(lost).getBoolean("paused"), lost.encode());
      assertTrue(capture(lost).getString("pauseReason").contains("display lost"), lost.encode());
      assertEquals("paused", lost.getString("state"));
      assertFalse(lost.getBoolean("healthy"), "no frame comes while the display is lost");
      assertEquals("disconnected", capture(lost).getString("grabMethod"));
      HttpResponse<String> health = daemon.getWithoutToken("/api/v1/health");
      assertEquals(503, health.statusCode(), health.body());
      long seqWhileLost = lost.getJsonObject("frames").getLong("lastSeq");

      // Reconnect attempts fail while the server is away, and the daemon goes on serving.
      JsonObject retrying =
          daemon.awaitStatus(
              s ->
                  capture(s)
                      .getJsonObject("connection")
                      .getString("state")
                      .contains("1 reconnect attempts failed"),
              Duration.ofSeconds(10));
      assertTrue(daemon.isAlive());
      assertEquals(seqWhileLost, retrying.getJsonObject("frames").getLong("lastSeq"));
      assertEquals(200, daemon.get("/api/v1/frames?limit=5").statusCode());

      xvfb = xvfb.startAgain();
      daemon.awaitStatus(
          s ->
              capture(s).getJsonObject("connection").getLong("reconnects") == 1
                  && capture(s).getJsonObject("connection").getString("state").equals("connected")
                  && s.getJsonObject("frames").getLong("lastSeq") > seqWhileLost,
          Duration.ofSeconds(40));
      assertTrue(daemon.output().contains("reconnected to"), daemon.output());

      JsonArray events = new JsonObject(daemon.get("/api/v1/events").body()).getJsonArray("events");
      List<String> reasons =
          events.stream().map(e -> ((JsonObject) e).getString("reason", "")).toList();
      assertTrue(
          reasons.stream().anyMatch(r -> r.contains("display lost")),
          "the loss is journaled: " + events.encode());
      assertTrue(reasons.contains("resumed"), events.encode());
      assertEquals(0, daemon.terminate());
    } finally {
      xvfb.close();
    }
  }

  private static JsonObject capture(JsonObject status) {
    return status.getJsonObject("capture");
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.cli.StatusCommand;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.testing.ForeignListener;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ironcliw status} against a real daemon, and its one-line errors when it cannot ask. */
class StatusCommandTest {
  @TempDir Path temp;

  private CommandRun status(Path config, Path dataDir, int port) {
    return CommandRun.of(config, dataDir, port, "status");
  }

  @Test
  void shouldPrintTheRunningDaemonsStatusForAPersonWithoutItsToken() throws Exception {
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(config, DaemonProcess.SMALL_DESKTOP_YAML);
    Path data = temp.resolve("data");
    try (DaemonProcess daemon = DaemonProcess.startSynthetic(data, config)) {
      daemon.awaitStatus(
          s -> s.getJsonObject("frames").getLong("processed") >= 20, Duration.ofSeconds(60));
      CommandRun result = status(config, data, daemon.port());
      assertEquals(ExitCodes.OK, result.status(), result.err());
      String text = result.out();
      assertTrue(text.startsWith("daemon   running on 127.0.0.1:" + daemon.port() + ", up "), text);
      assertTrue(text.contains("\ncapture  synthetic (displays: synthetic), generated; "), text);
      assertTrue(text.matches("(?s).*\\nframes   [0-9,]+ processed: [0-9,]+ duplicate.*"), text);
      assertTrue(text.contains("median us per frame: diff "), text);
      assertTrue(text.contains("\nvision   none; 0 batches sent, 0 insights\n"), text);
      // auto's race decides the engine: whichever won, the line names it.
      assertTrue(text.matches("(?s).*\\ndiff     (cpu-[a-z]+|opencl|vulkan) \\(.*"), text);
      // 2.5 s of history at 20 FPS: 50 slots, which the 16 MiB budget holds at 320x180.
      assertTrue(text.contains("\nring     50 of 50 slots active, "), text);
      assertTrue(text.contains(", 2.5 s when every frame changes\n"), text);
      assertTrue(
          text.matches("(?s).*\\nmemory   resident [0-9,]+ MiB.*pressure [A-Z]+\\n.*"), text);
      String token = Files.readString(data.resolve("api-token")).trim();
      assertFalse(text.contains(token) || result.err().contains(token), "the token was printed");

      // Another data dir has another token: the daemon cannot prove it holds that one, so the
      // token is not sent, and the error says why.
      Path other = Files.createDirectories(temp.resolve("other"));
      Files.writeString(other.resolve("api-token"), "0".repeat(64) + "\n");
      CommandRun refused = status(config, other, daemon.port());
      assertEquals(ExitCodes.FAILURE, refused.status());
      assertEquals(
          "ironcliw: error: what answers on 127.0.0.1:"
              + daemon.port()
              + " did not prove it holds the token in "
              + other.resolve("api-token")
              + " (a daemon of another data dir, or not the daemon at all); the token was not"
              + " sent\n",
          refused.err());
    }
  }

  @Test
  void shouldShowWhatWentWrongOnlyWhenSomethingDid() {
    JsonObject status =
        new JsonObject()
            .put("state", "paused")
            .put(
                "capture",
                new JsonObject()
                    .put("paused", true)
                    .put("pauseReason", "display lost: lost the connection to X display :0")
                    .put(
                        "connection",
                        new JsonObject()
                            .put("state", "lost (lost the connection to X display :0)")
                            .put("reconnects", 2)))
            .put(
                "journal",
                new JsonObject()
                    .put(
                        "disk",
                        new JsonObject()
                            .put("state", "LOW")
                            .put("freeBytes", 700L << 20)
                            .put("keyframesSkipped", 12)
                            .put("recordsSkipped", 0))
                    .put("damaged", 27)
                    .put(
                        "repairs",
                        new JsonObject()
                            .put("cycles", new io.vertx.core.json.JsonArray().add(new JsonObject()))
                            .put("metadataMovedTo", "/d/journal/damaged/metadata.cq4t.x.damaged")))
            .put("recovery", new JsonObject().put("framesLost", 3).put("ringSlotsDiscarded", 1))
            .put(
                "config",
                new JsonObject().put("file", "/etc/i.yaml").put("problem", "was deleted"));
    String text = StatusCommand.render("127.0.0.1:7117", status);
    assertTrue(
        text.contains("connection: lost (lost the connection to X display :0); 2 reconnects"),
        text);
    assertTrue(
        text.contains("disk LOW: 700 MiB free; 12 keyframes and 0 records not written"), text);
    assertTrue(text.contains("at start: 3 frames of the last run lost, 1 half-written"), text);
    assertTrue(text.contains("config   /etc/i.yaml was deleted"), text);
    assertTrue(
        text.contains("damaged: 27 records skipped; 2 damaged files moved to journal/damaged/"),
        text);

    String calm =
        StatusCommand.render(
            "127.0.0.1:7117",
            new JsonObject()
                .put(
                    "capture",
                    new JsonObject().put("connection", new JsonObject().put("state", "connected")))
                .put("journal", new JsonObject().put("disk", new JsonObject().put("state", "OK")))
                .put("config", new JsonObject().put("problem", "")));
    assertFalse(calm.contains("connection:"), calm);
    assertFalse(calm.contains("not written"), calm);
    assertFalse(calm.contains("at start"), calm);
    assertFalse(calm.contains("config"), calm);
  }

  /**
   * Another user's process listening on the daemon's port never gets the token: it cannot prove it
   * holds it (the red team's listener, run by nobody, used to log the real token).
   */
  @Test
  void shouldNotSendTheTokenToAListenerOfAnotherUser() throws Exception {
    Path config = Files.writeString(temp.resolve("ironcliw.yaml"), "");
    Path data = Files.createDirectories(temp.resolve("data"));
    String token = "a".repeat(64);
    Files.writeString(data.resolve("api-token"), token + "\n");
    int port = DaemonProcess.freePort();
    try (ForeignListener impostor =
        ForeignListener.start(temp, port, "{\"proof\":\"" + "0".repeat(64) + "\"}")) {
      CommandRun result = status(config, data, port);
      assertEquals(ExitCodes.FAILURE, result.status(), result.err());
      assertTrue(result.err().contains("did not prove it holds the token"), result.err());
      List<String> requests = impostor.requests();
      assertEquals(1, requests.size(), requests.toString());
      assertTrue(requests.getFirst().startsWith("GET /api/v1/proof?nonce="), requests.toString());
      assertTrue(requests.getFirst().endsWith("authorization=null"), requests.toString());
      assertFalse(requests.toString().contains(token), "the token reached the impostor");
    }
  }

  /**
   * A token that may have leaked is replaced: the running daemon takes a new one at once and
   * refuses the old one; with no daemon running, the file is rewritten for the next start.
   */
  @Test
  void shouldRotateTheTokenOfARunningDaemonAndOfAStoppedOne() throws Exception {
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(config, DaemonProcess.SMALL_DESKTOP_YAML);
    Path data = temp.resolve("data");
    try (DaemonProcess daemon = DaemonProcess.startSynthetic(data, config)) {
      String old = daemon.token();
      CommandRun rotated = run("token", "rotate", config, data, daemon.port());
      assertEquals(ExitCodes.OK, rotated.status(), rotated.err());
      String fresh = daemon.token();
      assertFalse(old.equals(fresh), "the token changed");
      assertFalse((rotated.out() + rotated.err()).contains(fresh), "the new token was printed");
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("api-token"))));
      assertEquals(401, daemon.getWithToken("/api/v1/status", old).statusCode());
      assertEquals(200, daemon.get("/api/v1/status").statusCode(), "the new token works");
    }
    String before = Files.readString(data.resolve("api-token")).trim();
    CommandRun offline = run("token", "rotate", config, data, DaemonProcess.freePort());
    assertEquals(ExitCodes.OK, offline.status(), offline.err());
    assertTrue(offline.out().contains("no daemon runs"), offline.out());
    assertFalse(before.equals(Files.readString(data.resolve("api-token")).trim()));
  }

  private CommandRun run(String command, String sub, Path config, Path dataDir, int port) {
    return CommandRun.of(config, dataDir, port, command, sub);
  }

  @Test
  void shouldSayInOneLineThatNoDaemonAnswersOrNoneEverRan() throws Exception {
    Path config = Files.writeString(temp.resolve("ironcliw.yaml"), "");
    int port = DaemonProcess.freePort();
    Path never = Files.createDirectories(temp.resolve("never"));
    CommandRun noToken = status(config, never, port);
    assertEquals(ExitCodes.FAILURE, noToken.status());
    assertEquals(
        "ironcliw: error: no API token at "
            + never.resolve("api-token")
            + ": no daemon has run with this data dir (give the --data-dir it runs with)\n",
        noToken.err());

    Path stopped = Files.createDirectories(temp.resolve("stopped"));
    Files.writeString(stopped.resolve("api-token"), "f".repeat(64) + "\n");
    CommandRun noAnswer = status(config, stopped, port);
    assertEquals(ExitCodes.FAILURE, noAnswer.status());
    assertEquals(
        "ironcliw: error: no daemon answers on 127.0.0.1:"
            + port
            + " (start one with ./ironcliw run, or give the --port it runs with)\n",
        noAnswer.err());
    assertEquals("", noAnswer.out());
  }
}

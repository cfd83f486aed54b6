package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.testing.Waits;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ironcliw search}: a line per hit from the running daemon's text index (a window title
 * journaled before the start, indexed by the catch-up), a bad query's error, no matches, and no
 * daemon.
 */
class SearchCommandTest {
  @TempDir Path temp;

  private static CommandRun search(Path config, Path data, int port, String... words) {
    List<String> args = new ArrayList<>(List.of("search"));
    args.addAll(List.of(words));
    return CommandRun.of(config, data, port, args.toArray(String[]::new));
  }

  @Test
  void shouldPrintALinePerHitOrSayWhatIsWrong() throws Exception {
    Path data = temp.resolve("data");
    Files.createDirectory(
        data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try (Journal journal = Journal.open(data.resolve("journal"))) {
      journal.append(
          new ContextEventRecord(
              System.currentTimeMillis() * 1_000_000L,
              0,
              0,
              "Gedit",
              "quarterly report - gedit",
              false));
    }
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(config, DaemonProcess.SMALL_DESKTOP_YAML);
    try (DaemonProcess daemon = DaemonProcess.startSynthetic(data, config, "--fps", "2")) {
      int port = daemon.port();
      Waits.await("the title indexed", Duration.ofSeconds(30))
          .until(
              () ->
                  !new JsonObject(daemon.get("/api/v1/search?q=quarterly").body())
                      .getJsonArray("results")
                      .isEmpty());

      CommandRun found = search(config, data, port, "quartely", "--since", "1h", "--limit", "5");
      assertEquals(ExitCodes.OK, found.status(), found.err());
      assertTrue(
          found.out().contains("  Gedit  quarterly report - gedit  [quarterly] report"),
          found.out());

      CommandRun none = search(config, data, port, "nothing-like-it");
      assertEquals(ExitCodes.OK, none.status(), none.err());
      assertEquals("no matches", none.out().strip());

      CommandRun bad = search(config, data, port, "\"unclosed");
      assertEquals(ExitCodes.USAGE, bad.status());
      assertTrue(bad.err().contains("is not closed"), bad.err());
      assertEquals(0, daemon.terminate());
    }
    CommandRun stopped = search(config, data, DaemonProcess.freePort(), "quarterly");
    assertEquals(ExitCodes.FAILURE, stopped.status());
    assertTrue(stopped.err().contains("no daemon answers"), stopped.err());

    // index rebuild: the index goes, and the next start builds it again from the journal.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rebuilt =
        Main.run(
            List.of(
                "index", "rebuild", "--config", config.toString(), "--data-dir", data.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertEquals(ExitCodes.OK, rebuilt, out.toString(StandardCharsets.UTF_8));
    assertTrue(Files.notExists(data.resolve("index")));
    try (DaemonProcess again = DaemonProcess.startSynthetic(data, config, "--fps", "2")) {
      Waits.await("the title indexed again", Duration.ofSeconds(30))
          .until(
              () ->
                  !new JsonObject(again.get("/api/v1/search?q=quarterly").body())
                      .getJsonArray("results")
                      .isEmpty());
      CommandRun whileRunning =
          new CommandRun(
              Main.run(
                  List.of(
                      "index",
                      "rebuild",
                      "--config",
                      config.toString(),
                      "--data-dir",
                      data.toString()),
                  new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                  new PrintStream(out, true, StandardCharsets.UTF_8)),
              "",
              out.toString(StandardCharsets.UTF_8));
      assertEquals(ExitCodes.FAILURE, whileRunning.status());
      assertTrue(whileRunning.err().contains("stop it first"), whileRunning.err());
      assertEquals(0, again.terminate());
    }
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.api.ApiServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line and a non-zero exit, and nothing stored is damaged. */
class DaemonBadInputTest {
  @TempDir Path temp;

  /** Runs the command in this JVM; returns exit status and what it printed on stderr. */
  private record Outcome(int status, String err) {}

  private static Outcome run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            List.of(args),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(status, err.toString(StandardCharsets.UTF_8).trim());
  }

  @Test
  void shouldNameTheBrokenKeyOfAConfigFile() throws Exception {
    Path config = temp.resolve("bad.yaml");
    Files.writeString(config, "memory:\n  budgets:\n    frameRing: 12XB\n");
    Outcome outcome =
        run("run", "--config", config.toString(), "--data-dir", temp.resolve("d").toString());
    assertEquals(2, outcome.status());
    assertEquals(
        "ironcliw: error: "
            + config
            + ": memory.budgets.frameRing: \"12XB\" is not a size (expected a size from 16MiB to 1TiB)",
        outcome.err());
    assertTrue(Files.notExists(temp.resolve("d")), "nothing may be created for a bad config");
  }

  @Test
  void shouldNameTheLeastTotalThatCapturesTheScreen() throws Exception {
    Path config = temp.resolve("small.yaml");
    Files.writeString(
        config,
        "capture:\n  source: synthetic\n  synthetic:\n    width: 5120\n    height: 2880\n"
            + "memory:\n  total: 256MiB\n");
    Outcome outcome =
        run("run", "--config", config.toString(), "--data-dir", temp.resolve("d").toString());
    assertEquals(2, outcome.status());
    assertTrue(
        outcome
            .err()
            .endsWith(
                "at least 2 are needed (117977088 bytes); memory.total must be at least 282.0MiB"
                    + " for a 5120x2880 screen (the ring's share of it is 40%)"),
        outcome.err());
  }

  @Test
  void shouldCheckAConfigFileWithoutRunning() throws Exception {
    Path good = temp.resolve("good.yaml");
    Files.writeString(good, "capture:\n  fps: 5\n");
    assertEquals(0, run("config", "check", good.toString()).status());
    Path typo = temp.resolve("typo.yaml");
    Files.writeString(typo, "captur:\n  fps: 5\n");
    Outcome outcome = run("config", "check", typo.toString());
    assertEquals(2, outcome.status());
    assertTrue(
        outcome.err().contains("captur: is not a known key (did you mean capture"), outcome.err());
    Outcome noFile = run("config", "check");
    assertEquals(2, noFile.status());
    assertTrue(
        noFile.err().startsWith("ironcliw: error: config check needs the FILE to check\nusage:"),
        noFile.err());
  }

  @Test
  void shouldNameAMissingReplayDirectory() {
    Path missing = temp.resolve("no-such-dir");
    Outcome outcome =
        run(
            "run",
            "--config",
            writeEmptyConfig().toString(),
            "--data-dir",
            temp.resolve("d").toString(),
            "--source",
            "replay:" + missing);
    assertEquals(2, outcome.status());
    assertEquals("ironcliw: error: replay directory " + missing + " does not exist", outcome.err());
  }

  @Test
  void shouldRejectAnUnknownOption() {
    Outcome outcome = run("run", "--fsp", "5");
    assertEquals(2, outcome.status());
    assertTrue(outcome.err().startsWith("ironcliw: error: unknown option --fsp"), outcome.err());
  }

  @Test
  void shouldRefuseANonLoopbackBindAddressUnlessRemoteIsAllowed() throws Exception {
    for (String address : List.of("0.0.0.0", "192.0.2.7")) {
      Path config = temp.resolve("remote.yaml");
      Files.writeString(config, "api:\n  bindAddress: " + address + "\n");
      Outcome outcome =
          run(
              "run",
              "--config",
              config.toString(),
              "--data-dir",
              temp.resolve("d").toString(),
              "--source",
              "synthetic");
      assertEquals(2, outcome.status(), outcome.err());
      assertTrue(
          outcome.err().contains("api.bindAddress: " + address + " is not a loopback address")
              && outcome.err().contains("api.allowRemote: true"),
          outcome.err());
    }
    Path config = temp.resolve("name.yaml");
    Files.writeString(config, "api:\n  bindAddress: example.com\n");
    Outcome outcome =
        run("run", "--config", config.toString(), "--data-dir", temp.resolve("d").toString());
    assertEquals(2, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("\"example.com\" is not an IP address"), outcome.err());
    assertTrue(Files.notExists(temp.resolve("d")), "nothing was created before the refusal");
  }

  @Test
  void shouldNameAPortAlreadyInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(ApiServer.HOST))) {
      int port = taken.getLocalPort();
      Outcome outcome =
          run(
              "run",
              "--config",
              writeEmptyConfig().toString(),
              "--data-dir",
              temp.resolve("d").toString(),
              "--source",
              "synthetic",
              "--port",
              Integer.toString(port));
      assertEquals(1, outcome.status());
      assertEquals(
          "ironcliw: error: port "
              + port
              + " on 127.0.0.1 is already in use; stop what holds it or choose another with --port"
              + " or api.port",
          outcome.err());
      assertTrue(
          Files.notExists(temp.resolve("d")),
          "nothing (data dir, ring file) may be created before the port is found taken");
    }
  }

  @Test
  void shouldRefuseASecondDaemonOnTheSameDataDirAndLeaveTheFirstRunning() throws Exception {
    Path data = temp.resolve("data");
    Path config = temp.resolve("small.yaml");
    Files.writeString(config, DaemonProcess.SMALL_DESKTOP_YAML);
    try (DaemonProcess first = DaemonProcess.startSynthetic(data, config)) {
      long before =
          first
              .awaitStatus(
                  s -> s.getJsonObject("frames").getLong("processed") > 5, Duration.ofSeconds(60))
              .getJsonObject("frames")
              .getLong("processed");
      String token = first.token();
      Outcome outcome =
          run(
              "run",
              "--config",
              config.toString(),
              "--data-dir",
              data.toString(),
              "--port",
              Integer.toString(DaemonProcess.freePort()));
      assertEquals(1, outcome.status());
      assertTrue(
          outcome
              .err()
              .matches(
                  "ironcliw: error: another Ironcliw daemon \\(pid \\d+\\) is already using data dir .*"),
          outcome.err());
      assertEquals(token, first.token(), "the second daemon touched the token");
      JsonObject status =
          first.awaitStatus(
              s -> s.getJsonObject("frames").getLong("processed") > before + 5,
              Duration.ofSeconds(30));
      assertEquals(0, status.getJsonObject("journal").getLong("appendErrors"));
    }
  }

  /**
   * Issue 25: a history whose key is wrong, or gone: one line, exit 1, and nothing in the data dir
   * touched; no new key is made in the old one's place.
   */
  @Test
  void shouldRefuseAWrongOrMissingKeyInOneLineAndTouchNothing() throws Exception {
    Path data = temp.resolve("data");
    Path keyFile = temp.resolve("keys/history.key");
    Path config = temp.resolve("small.yaml");
    Files.writeString(
        config, DaemonProcess.SMALL_DESKTOP_YAML + "privacy:\n  key:\n    file: " + keyFile + "\n");
    try (DaemonProcess first = DaemonProcess.startSynthetic(data, config)) {
      first.awaitStatus(
          s -> s.getJsonObject("frames").getLong("processed") > 5, Duration.ofSeconds(60));
      assertEquals(0, first.terminate());
    }
    Map<String, String> before = contents(data);
    String[] start = {
      "run",
      "--config",
      config.toString(),
      "--data-dir",
      data.toString(),
      "--source",
      "synthetic",
      "--port",
      Integer.toString(DaemonProcess.freePort())
    };
    byte[] other = new byte[32];
    new java.security.SecureRandom().nextBytes(other);
    Files.writeString(keyFile, "1:" + java.util.Base64.getEncoder().encodeToString(other) + "\n");
    Outcome wrong = run(start);
    assertEquals(1, wrong.status(), wrong.err());
    assertTrue(
        wrong
            .err()
            .matches(
                "ironcliw: error: cannot open the encrypted history in .*: the key in the key file"
                    + " .* does not open it: .*"),
        wrong.err());
    assertEquals(before, contents(data), "the data dir was touched");

    Files.delete(keyFile);
    Outcome missing = run(start);
    assertEquals(1, missing.status(), missing.err());
    assertEquals(1, missing.err().lines().count(), missing.err());
    assertTrue(missing.err().contains("holds no key of Ironcliw"), missing.err());
    assertEquals(before, contents(data), "the data dir was touched");
    assertTrue(Files.notExists(keyFile), "a new key was made in the old one's place");
  }

  /** Every file under {@code dir}, by its path there, as a digest of its bytes. */
  private static Map<String, String> contents(Path dir) throws Exception {
    Map<String, String> files = new java.util.TreeMap<>();
    try (var walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        byte[] digest =
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        files.put(dir.relativize(file).toString(), java.util.HexFormat.of().formatHex(digest));
      }
    }
    return files;
  }

  private Path writeEmptyConfig() {
    try {
      Path file = temp.resolve("empty.yaml");
      Files.writeString(file, "");
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

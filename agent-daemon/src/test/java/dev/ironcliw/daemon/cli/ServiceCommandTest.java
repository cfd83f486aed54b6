package dev.ironcliw.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.cli.service.LaunchAgent;
import dev.ironcliw.daemon.cli.service.ServicePlatform;
import dev.ironcliw.daemon.cli.service.SystemdUserUnit;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code ironcliw service install|uninstall}. The systemd unit is checked by systemd's own parser
 * ({@code systemd-analyze verify}). Loading is not: it needs a user's systemd manager (or launchd),
 * which this machine lacks, and a test on a developer's machine must not install a real service; so
 * systemctl and launchctl are scripts here that record how they were called.
 */
class ServiceCommandTest {
  private static final Path LAUNCHER = Path.of("..", "ironcliw").toAbsolutePath().normalize();

  @TempDir Path temp;
  private Path calls;
  private String previousLauncher;

  @BeforeEach
  void setLauncher() {
    previousLauncher = System.setProperty(ServiceCommand.LAUNCHER_PROPERTY, LAUNCHER.toString());
    calls = temp.resolve("calls.txt");
  }

  @AfterEach
  void restoreLauncher() {
    if (previousLauncher == null) {
      System.clearProperty(ServiceCommand.LAUNCHER_PROPERTY);
    } else {
      System.setProperty(ServiceCommand.LAUNCHER_PROPERTY, previousLauncher);
    }
  }

  /**
   * A stand-in for systemctl or launchctl: appends its arguments to calls.txt, exits {@code code}.
   */
  private String recorder(String name, int code, String message) throws Exception {
    Path script = temp.resolve("bin").resolve(name);
    Files.createDirectories(script.getParent());
    Files.writeString(
        script,
        "#!/bin/sh\necho \"$*\" >> '"
            + calls
            + "'\n"
            + (message.isEmpty() ? "" : "echo '" + message + "' >&2\n")
            + "exit "
            + code
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script.toString();
  }

  private record Result(int code, String out, String err) {}

  private Result service(ServicePlatform platform, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ServiceCommand.run(
            List.of(args),
            platform,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private List<String> calls() throws Exception {
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  @Test
  void shouldWriteAUnitSystemdAcceptsLoadItAndRemoveIt() throws Exception {
    Path config = temp.resolve("my config.yaml");
    Files.writeString(config, "capture:\n  fps: 5\n");
    Path units = temp.resolve("config/systemd/user");
    SystemdUserUnit unit = new SystemdUserUnit(units, recorder("systemctl", 0, ""));
    Map<String, String> env =
        Map.of(
            "DISPLAY", ":0",
            "XAUTHORITY", "/home/someone/.Xauthority",
            "ANTHROPIC_API_KEY", "sk-ant-never-in-a-unit",
            "PATH", "/usr/bin");

    Result installed =
        service(
            unit,
            env,
            "install",
            "--config",
            config.toString(),
            "--data-dir",
            temp.resolve("data 100%").toString(),
            "--port",
            "7399");
    assertEquals(0, installed.code(), installed.err());
    String text = Files.readString(units.resolve("ironcliw.service"));
    assertTrue(
        text.contains(
            "ExecStart=\""
                + LAUNCHER
                + "\" \"run\" \"--config\" \""
                + config
                + "\" \"--data-dir\" \""
                + temp.resolve("data 100%%")
                + "\" \"--port\" \"7399\"\n"),
        text);
    assertTrue(text.contains("Environment=\"DISPLAY=:0\"\n"), text);
    assertTrue(text.contains("Environment=\"XAUTHORITY=/home/someone/.Xauthority\"\n"), text);
    assertTrue(text.contains("Restart=on-failure\n"), text);
    assertTrue(text.contains("RestartPreventExitStatus=2\n"), text);
    assertFalse(text.contains("sk-ant"), "no API key in a unit file");
    assertFalse(text.contains("PATH="), text);
    assertEquals(List.of("--user daemon-reload", "--user enable --now ironcliw.service"), calls());
    assertTrue(installed.out().contains("journalctl --user -u ironcliw.service"), installed.out());
    verifyWithSystemd(units.resolve("ironcliw.service"));

    Result removed = service(unit, env, "uninstall");
    assertEquals(0, removed.code(), removed.err());
    assertFalse(Files.exists(units.resolve("ironcliw.service")));
    assertEquals(
        List.of(
            "--user daemon-reload",
            "--user enable --now ironcliw.service",
            "--user disable --now ironcliw.service",
            "--user daemon-reload"),
        calls());
    Result again = service(unit, env, "uninstall");
    assertEquals(0, again.code());
    assertTrue(again.out().contains("no service installed"), again.out());
  }

  /**
   * systemd's parser, with no manager running: warnings (a bad value) or a missing program fail.
   */
  private void verifyWithSystemd(Path unitFile) throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    NativeRequirement.require(Files.isExecutable(analyze), NativePiece.SYSTEMD_ANALYZE);
    Path runtime = Files.createDirectories(temp.resolve("runtime"));
    ProcessBuilder builder =
        new ProcessBuilder(analyze.toString(), "verify", "--user", unitFile.toString())
            .redirectErrorStream(true);
    builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
    Process verify = builder.start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, verify.exitValue(), output);
    assertEquals("", output.strip(), "systemd-analyze warned");
  }

  @Test
  void shouldKeepTheUnitAndSayHowToLoadItWhenSystemctlFails() throws Exception {
    Path units = temp.resolve("units");
    SystemdUserUnit unit =
        new SystemdUserUnit(
            units, recorder("systemctl", 1, "Failed to connect to bus: No medium found"));
    Result result = service(unit, Map.of(), "install");
    assertEquals(ExitCodes.FAILURE, result.code());
    assertTrue(result.err().contains("loading it failed"), result.err());
    assertTrue(result.err().contains("Failed to connect to bus"), result.err());
    assertTrue(result.err().contains("--user enable --now ironcliw.service"), result.err());
    assertTrue(Files.exists(units.resolve("ironcliw.service")));
  }

  @Test
  void shouldRemoveTheUnitAndExitZeroWhenItCannotBeUnloaded() throws Exception {
    Path units = temp.resolve("units");
    SystemdUserUnit working = new SystemdUserUnit(units, recorder("systemctl", 0, ""));
    assertEquals(0, service(working, Map.of(), "install").code());
    SystemdUserUnit noManager =
        new SystemdUserUnit(
            units, recorder("systemctl", 1, "Failed to connect to bus: No medium found"));
    Result result = service(noManager, Map.of(), "uninstall");
    assertEquals(ExitCodes.OK, result.code(), result.err());
    assertFalse(Files.exists(units.resolve("ironcliw.service")));
    assertTrue(result.err().contains("Failed to connect to bus"), result.err());
    assertTrue(result.out().contains("could not be unloaded"), result.out());
  }

  @Test
  void shouldGiveUpOnASystemctlThatHangs() throws Exception {
    Path script = temp.resolve("bin").resolve("systemctl");
    Files.createDirectories(script.getParent());
    // Prints, keeps its output open and never ends: the old reader waited for the end forever.
    Files.writeString(script, "#!/bin/sh\necho starting\nexec sleep 600\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path units = temp.resolve("units");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ServiceCommand.run(
            List.of("install"),
            new SystemdUserUnit(units, script.toString()),
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            java.time.Duration.ofSeconds(1));
    String errors = err.toString(StandardCharsets.UTF_8);
    assertEquals(ExitCodes.FAILURE, code, errors);
    assertTrue(errors.contains("did not finish within 1 s"), errors);
    assertTrue(Files.exists(units.resolve("ironcliw.service")));
  }

  @Test
  void shouldRefuseABadConfigOrNoLauncherAndWriteNothing() throws Exception {
    Path units = temp.resolve("units");
    SystemdUserUnit unit = new SystemdUserUnit(units, recorder("systemctl", 0, ""));
    Path config = temp.resolve("bad.yaml");
    Files.writeString(config, "capture:\n  fps: fast\n");
    Result bad = service(unit, Map.of(), "install", "--config", config.toString());
    assertEquals(ExitCodes.USAGE, bad.code());
    assertTrue(bad.err().contains("capture.fps"), bad.err());

    System.clearProperty(ServiceCommand.LAUNCHER_PROPERTY);
    Result noLauncher = service(unit, Map.of(), "install");
    assertEquals(ExitCodes.USAGE, noLauncher.code());
    assertTrue(noLauncher.err().contains("./ironcliw service install"), noLauncher.err());

    assertEquals(ExitCodes.USAGE, service(unit, Map.of(), "reinstall").code());
    assertFalse(Files.exists(units));
    assertEquals(List.of(), calls());
  }

  @Test
  void shouldWriteALaunchAgentThatRestartsOnFailureAndLogsToTheUsersLogs() throws Exception {
    Path home = temp.resolve("home");
    LaunchAgent agent = new LaunchAgent(home, 501, recorder("launchctl", 0, ""));
    Result installed =
        service(agent, Map.of("OPENAI_API_KEY", "sk-never"), "install", "--fps", "2");
    assertEquals(0, installed.code(), installed.err());
    Path plist = home.resolve("Library/LaunchAgents/dev.ironcliw.daemon.plist");
    assertTrue(Files.isDirectory(home.resolve("Library/Logs/Ironcliw")), "launchd needs it");

    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Element dict =
        (Element)
            factory
                .newDocumentBuilder()
                .parse(plist.toFile())
                .getDocumentElement()
                .getElementsByTagName("dict")
                .item(0);
    Map<String, Element> values = plistValues(dict);
    assertEquals("dev.ironcliw.daemon", values.get("Label").getTextContent());
    assertEquals(
        List.of(LAUNCHER.toString(), "run", "--fps", "2"), strings(values.get("ProgramArguments")));
    assertEquals("true", values.get("RunAtLoad").getTagName());
    Map<String, Element> keepAlive = plistValues(values.get("KeepAlive"));
    assertEquals("false", keepAlive.get("SuccessfulExit").getTagName());
    String log = home.resolve("Library/Logs/Ironcliw/ironcliw.log").toString();
    assertEquals(log, values.get("StandardOutPath").getTextContent());
    assertEquals(log, values.get("StandardErrorPath").getTextContent());
    assertFalse(Files.readString(plist).contains("sk-never"));
    assertEquals(List.of("bootstrap gui/501 " + plist), calls());

    assertEquals(0, service(agent, Map.of(), "uninstall").code());
    assertFalse(Files.exists(plist));
    assertEquals("bootout gui/501/dev.ironcliw.daemon", calls().getLast());
  }

  /** A plist dict's values by key. */
  private static Map<String, Element> plistValues(Element dict) {
    Map<String, Element> values = new java.util.HashMap<>();
    String key = null;
    for (Node node = dict.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        if (element.getTagName().equals("key")) {
          key = element.getTextContent();
        } else {
          values.put(key, element);
        }
      }
    }
    return values;
  }

  private static List<String> strings(Element array) {
    List<String> strings = new ArrayList<>();
    NodeList items = array.getElementsByTagName("string");
    for (int i = 0; i < items.getLength(); i++) {
      strings.add(items.item(i).getTextContent());
    }
    return strings;
  }
}

package dev.ironcliw.daemon.cli.service;

import dev.ironcliw.daemon.lifecycle.ExitCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Linux service: a systemd user unit, {@code ironcliw.service} in the user's unit directory.
 * systemd restarts it when it fails, but not on a configuration error (exit status 2: restarting
 * would fail the same way), and its output goes to the user's journal.
 */
public final class SystemdUserUnit implements ServicePlatform {
  static final String UNIT = "ironcliw.service";

  private final Path unitDirectory;
  private final String systemctl;

  /**
   * @param unitDirectory the user's unit directory
   * @param systemctl the systemctl program: {@code systemctl} on the PATH but in tests
   */
  public SystemdUserUnit(Path unitDirectory, String systemctl) {
    this.unitDirectory = unitDirectory;
    this.systemctl = systemctl;
  }

  /** {@code ${XDG_CONFIG_HOME:-~/.config}/systemd/user}. */
  public static SystemdUserUnit forUser(Map<String, String> env, Path home) {
    String configHome = env.get("XDG_CONFIG_HOME");
    Path base =
        configHome == null || configHome.isBlank() ? home.resolve(".config") : Path.of(configHome);
    return new SystemdUserUnit(base.resolve("systemd/user"), "systemctl");
  }

  @Override
  public Path file() {
    return unitDirectory.resolve(UNIT);
  }

  @Override
  public String render(ServiceDefinition service) {
    StringBuilder unit = new StringBuilder();
    unit.append("# Written by ironcliw service install; ironcliw service uninstall removes it.\n")
        .append("[Unit]\n")
        .append("Description=Ironcliw screen-monitoring daemon\n")
        .append("After=graphical-session.target\n\n")
        .append("[Service]\n")
        .append("Type=simple\n")
        .append("ExecStart=")
        .append(String.join(" ", service.command().stream().map(SystemdUserUnit::quoted).toList()))
        .append('\n');
    for (Map.Entry<String, String> variable : service.environment().entrySet()) {
      unit.append("Environment=")
          .append(quoted(variable.getKey() + "=" + variable.getValue()))
          .append('\n');
    }
    unit.append("Restart=on-failure\n")
        .append("RestartSec=5\n")
        .append("RestartPreventExitStatus=")
        .append(ExitCodes.USAGE)
        .append('\n')
        // SIGTERM stops the daemon cleanly; give it time to flush before SIGKILL.
        .append("TimeoutStopSec=30\n\n")
        .append("[Install]\n")
        .append("WantedBy=default.target\n");
    return unit.toString();
  }

  /**
   * One word of a unit's command line: quoted, with systemd's specifiers ({@code %}) and variable
   * references ({@code $}) escaped so they are taken literally.
   */
  static String quoted(String word) {
    String escaped =
        word.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("%", "%%")
            .replace("$", "$$")
            .replace("\n", "\\n");
    return "\"" + escaped + "\"";
  }

  @Override
  public List<List<String>> loadCommands() {
    return List.of(
        List.of(systemctl, "--user", "daemon-reload"),
        List.of(systemctl, "--user", "enable", "--now", UNIT));
  }

  @Override
  public List<List<String>> unloadCommands() {
    return List.of(
        List.of(systemctl, "--user", "disable", "--now", UNIT),
        List.of(systemctl, "--user", "daemon-reload"));
  }

  @Override
  public String logs() {
    return "the user journal: journalctl --user -u " + UNIT + " -f";
  }
}

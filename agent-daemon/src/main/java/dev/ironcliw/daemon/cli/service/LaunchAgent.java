package dev.ironcliw.daemon.cli.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The macOS service: a launchd LaunchAgent, {@code
 * ~/Library/LaunchAgents/dev.ironcliw.daemon.plist}, started at login and again when it exits with
 * a failure, its output in {@code ~/Library/Logs/Ironcliw/ironcliw.log}.
 */
public final class LaunchAgent implements ServicePlatform {
  static final String LABEL = "dev.ironcliw.daemon";

  private final Path home;
  private final long uid;
  private final String launchctl;

  /**
   * @param home the user's home directory
   * @param uid the user's id: launchctl addresses the login session as {@code gui/UID}
   * @param launchctl the launchctl program: {@code launchctl} on the PATH but in tests
   */
  public LaunchAgent(Path home, long uid, String launchctl) {
    this.home = home;
    this.uid = uid;
    this.launchctl = launchctl;
  }

  @Override
  public Path file() {
    return home.resolve("Library/LaunchAgents/" + LABEL + ".plist");
  }

  @Override
  public List<Path> directories() {
    // launchd does not make the log file's directory; without it the agent does not start.
    return List.of(file().getParent(), logFile().getParent());
  }

  Path logFile() {
    return home.resolve("Library/Logs/Ironcliw/ironcliw.log");
  }

  @Override
  public String render(ServiceDefinition service) {
    StringBuilder plist = new StringBuilder();
    plist
        .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append(
            "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""
                + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
        .append(
            "<!-- Written by ironcliw service install; ironcliw service uninstall removes it. -->\n")
        .append("<plist version=\"1.0\">\n<dict>\n");
    key(plist, "Label").append("  <string>").append(LABEL).append("</string>\n");
    key(plist, "ProgramArguments").append("  <array>\n");
    for (String word : service.command()) {
      plist.append("    <string>").append(xml(word)).append("</string>\n");
    }
    plist.append("  </array>\n");
    if (!service.environment().isEmpty()) {
      key(plist, "EnvironmentVariables").append("  <dict>\n");
      for (Map.Entry<String, String> variable : service.environment().entrySet()) {
        plist.append("    <key>").append(xml(variable.getKey())).append("</key>\n");
        plist.append("    <string>").append(xml(variable.getValue())).append("</string>\n");
      }
      plist.append("  </dict>\n");
    }
    key(plist, "RunAtLoad").append("  <true/>\n");
    // Started again when it exits with a failure, not after a clean stop.
    key(plist, "KeepAlive").append("  <dict>\n");
    plist.append("    <key>SuccessfulExit</key>\n    <false/>\n  </dict>\n");
    key(plist, "ThrottleInterval").append("  <integer>5</integer>\n");
    key(plist, "ProcessType").append("  <string>Interactive</string>\n");
    key(plist, "StandardOutPath")
        .append("  <string>")
        .append(xml(logFile().toString()))
        .append("</string>\n");
    key(plist, "StandardErrorPath")
        .append("  <string>")
        .append(xml(logFile().toString()))
        .append("</string>\n");
    plist.append("</dict>\n</plist>\n");
    return plist.toString();
  }

  private static StringBuilder key(StringBuilder plist, String name) {
    return plist.append("  <key>").append(name).append("</key>\n");
  }

  static String xml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  @Override
  public List<List<String>> loadCommands() {
    return List.of(List.of(launchctl, "bootstrap", "gui/" + uid, file().toString()));
  }

  @Override
  public List<List<String>> unloadCommands() {
    return List.of(List.of(launchctl, "bootout", "gui/" + uid + "/" + LABEL));
  }

  @Override
  public String logs() {
    return logFile() + " (Console.app shows it too)";
  }
}

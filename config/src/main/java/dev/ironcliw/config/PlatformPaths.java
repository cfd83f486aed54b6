package dev.ironcliw.config;

import java.nio.file.Path;
import java.util.Locale;

/** The design's default locations of the data dir and the config file, per OS. */
public final class PlatformPaths {
  private PlatformPaths() {}

  public static boolean isMac() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
  }

  /**
   * macOS: ~/Library/Application Support/Ironcliw; else ${XDG_DATA_HOME:-~/.local/share}/ironcliw.
   */
  public static Path defaultDataDir() {
    Path home = Path.of(System.getProperty("user.home"));
    if (isMac()) {
      return home.resolve("Library/Application Support/Ironcliw");
    }
    return xdg("XDG_DATA_HOME", home.resolve(".local/share")).resolve("ironcliw");
  }

  /**
   * macOS: the data dir's ironcliw.yaml; else ${XDG_CONFIG_HOME:-~/.config}/ironcliw/ironcliw.yaml.
   */
  public static Path defaultConfigFile() {
    Path home = Path.of(System.getProperty("user.home"));
    if (isMac()) {
      return home.resolve("Library/Application Support/Ironcliw/ironcliw.yaml");
    }
    return xdg("XDG_CONFIG_HOME", home.resolve(".config")).resolve("ironcliw/ironcliw.yaml");
  }

  /**
   * Where the history's key file is kept by default, outside the data dir: macOS:
   * ~/Library/Preferences/Ironcliw/history.key; else
   * ${XDG_CONFIG_HOME:-~/.config}/ironcliw/history.key.
   */
  public static Path defaultKeyFile() {
    Path home = Path.of(System.getProperty("user.home"));
    if (isMac()) {
      return home.resolve("Library/Preferences/Ironcliw/history.key");
    }
    return xdg("XDG_CONFIG_HOME", home.resolve(".config")).resolve("ironcliw/history.key");
  }

  private static Path xdg(String variable, Path fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : Path.of(value);
  }
}

package dev.ironcliw.config.schema;

import java.util.Arrays;
import java.util.List;

/**
 * Windows excluded without any configuration, in groups that {@code privacy.exclude.defaults}
 * names: every group by default; a user removes one by leaving it out of the list. Apps are matched
 * like {@code privacy.exclude.apps} (name, WM_CLASS or bundle id, without regard to case), titles
 * like {@code privacy.exclude.titles}.
 */
public enum DefaultExclusions {
  /** Private and incognito browser windows, by the marker their browser puts in the title. */
  PRIVATE_BROWSING(
      "private-browsing",
      List.of("tor browser", "org.torproject.torbrowser"),
      List.of(
          // Firefox: "... — Mozilla Firefox Private Browsing"; Safari's and others' wording.
          "\\bprivate browsing\\b",
          // Chrome and Chromium: "... - Google Chrome (Incognito)"; "Incognito" tabs.
          "\\bincognito\\b",
          // Edge: "... - [InPrivate] - Microsoft Edge".
          "\\binprivate\\b",
          // Brave and Vivaldi: "... - Brave (Private)", "(Private)" windows.
          "\\(private\\)")),

  /** Password managers, by app name, WM_CLASS and bundle id. */
  PASSWORD_MANAGERS(
      "password-managers",
      List.of(
          "1password",
          "1password 7",
          "com.1password.1password",
          "com.agilebits.onepassword7",
          "bitwarden",
          "com.bitwarden.desktop",
          "keepassxc",
          "org.keepassxc.keepassxc",
          "keepass",
          "keychain access",
          "com.apple.keychainaccess",
          "seahorse",
          "org.gnome.seahorse.application",
          "kwalletmanager5"),
      List.of()),

  /**
   * Screen lockers' windows (capture also pauses while the session is locked or the screen saver
   * runs; this covers a locker drawn before that is known).
   */
  LOCK_SCREENS(
      "lock-screens",
      List.of(
          "i3lock",
          "slock",
          "xsecurelock",
          "xscreensaver",
          "light-locker",
          "gnome-screensaver",
          "kscreenlocker_greet",
          "loginwindow",
          "com.apple.loginwindow"),
      List.of());

  private final String configName;
  private final List<String> apps;
  private final List<String> titles;

  DefaultExclusions(String configName, List<String> apps, List<String> titles) {
    this.configName = configName;
    this.apps = apps;
    this.titles = titles;
  }

  /** Every group's name, as {@code privacy.exclude.defaults} lists them. */
  public static final List<String> NAMES =
      Arrays.stream(values()).map(DefaultExclusions::configName).toList();

  /** The group {@code name} names (one of {@link #NAMES}). */
  public static DefaultExclusions named(String name) {
    return Arrays.stream(values())
        .filter(d -> d.configName.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no default exclusion group " + name));
  }

  public String configName() {
    return configName;
  }

  /** App names, WM_CLASS values and bundle ids, lower case. */
  public List<String> apps() {
    return apps;
  }

  /** Title patterns, matched without regard to case. */
  public List<String> titles() {
    return titles;
  }
}

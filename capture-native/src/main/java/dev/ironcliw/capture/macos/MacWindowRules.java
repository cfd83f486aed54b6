package dev.ironcliw.capture.macos;

import dev.ironcliw.capture.TitlePatterns;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The privacy rules as they apply to a macOS window: an app excluded by name or bundle id, or a
 * title a pattern matches.
 */
final class MacWindowRules {
  private final List<String> apps;
  private final List<Pattern> titles;

  MacWindowRules(List<String> excludeApps, List<String> excludeTitles) {
    this.apps = List.copyOf(excludeApps);
    this.titles = TitlePatterns.compile(excludeTitles);
  }

  boolean excludes(String app, String bundleId, String title) {
    return apps.stream().anyMatch(a -> a.equalsIgnoreCase(app) || a.equalsIgnoreCase(bundleId))
        || titles.stream().anyMatch(p -> p.matcher(title).find());
  }
}

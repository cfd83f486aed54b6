package dev.ironcliw.config;

import java.util.List;

/**
 * The {@code privacy.*} keys: what must never reach the frame ring.
 *
 * @param excludeApps application names, WM_CLASS values or bundle ids, matched ignoring case
 * @param excludeTitles regular expressions matched against window titles (already validated)
 */
public record PrivacySettings(List<String> excludeApps, List<String> excludeTitles) {
  public PrivacySettings {
    excludeApps = List.copyOf(excludeApps);
    excludeTitles = List.copyOf(excludeTitles);
  }

  public boolean isEmpty() {
    return excludeApps.isEmpty() && excludeTitles.isEmpty();
  }
}

package dev.ironcliw.config.privacy;

import dev.ironcliw.config.schema.DefaultExclusions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code privacy.*} keys: what must never reach the frame ring.
 *
 * @param configuredApps {@code privacy.exclude.apps}: application names, WM_CLASS values or bundle
 *     ids, matched ignoring case
 * @param configuredTitles {@code privacy.exclude.titles}: regular expressions matched against
 *     window titles (already validated)
 * @param defaults {@code privacy.exclude.defaults}: the {@link DefaultExclusions} groups in force
 */
public record PrivacySettings(
    List<String> configuredApps, List<String> configuredTitles, List<DefaultExclusions> defaults) {
  public PrivacySettings {
    configuredApps = List.copyOf(configuredApps);
    configuredTitles = List.copyOf(configuredTitles);
    defaults = List.copyOf(defaults);
  }

  /**
   * Every rule in force: the configured apps (each once, case aside) and titles, then the default
   * groups' apps not named already and their titles.
   */
  public List<ExclusionRule> rules() {
    Set<String> apps = new LinkedHashSet<>();
    List<ExclusionRule> rules = new ArrayList<>();
    for (String app : configuredApps) {
      if (apps.add(app.toLowerCase(Locale.ROOT))) {
        rules.add(new ExclusionRule(false, app, null));
      }
    }
    for (String title : configuredTitles) {
      rules.add(new ExclusionRule(true, title, null));
    }
    for (DefaultExclusions group : defaults) {
      for (String app : group.apps()) {
        if (apps.add(app)) {
          rules.add(new ExclusionRule(false, app, group));
        }
      }
      for (String title : group.titles()) {
        rules.add(new ExclusionRule(true, title, group));
      }
    }
    return rules;
  }

  /** The apps of {@link #rules}: what capture leaves out by name, WM_CLASS or bundle id. */
  public List<String> excludeApps() {
    return rules().stream().filter(r -> !r.title()).map(ExclusionRule::value).toList();
  }

  /** The title patterns of {@link #rules}. */
  public List<String> excludeTitles() {
    return rules().stream().filter(ExclusionRule::title).map(ExclusionRule::value).toList();
  }

  public boolean isEmpty() {
    return excludeApps().isEmpty() && excludeTitles().isEmpty();
  }
}

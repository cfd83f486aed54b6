package dev.ironcliw.config.privacy;

import dev.ironcliw.config.schema.DefaultExclusions;

/**
 * One privacy exclusion in force.
 *
 * @param title true for a title pattern, false for an app (name, WM_CLASS or bundle id)
 * @param value the app or the pattern
 * @param group the default group it comes from, or null when the configuration names it
 */
public record ExclusionRule(boolean title, String value, DefaultExclusions group) {
  /** Where it comes from: the key that names it, with the group of a default. */
  public String from() {
    if (group != null) {
      return "privacy.exclude.defaults: " + group.configName();
    }
    return title ? "privacy.exclude.titles" : "privacy.exclude.apps";
  }
}

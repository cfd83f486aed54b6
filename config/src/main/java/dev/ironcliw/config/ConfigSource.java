package dev.ironcliw.config;

/** Where a key's running value came from, lowest precedence first. */
public enum ConfigSource {
  DEFAULT,
  FILE,
  /** A command-line option such as {@code --fps}. */
  FLAG,
  /** A {@code PUT} on the HTTP API while the daemon runs; kept until restart. */
  API;

  /** The name shown by the API: default, file, flag or api. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

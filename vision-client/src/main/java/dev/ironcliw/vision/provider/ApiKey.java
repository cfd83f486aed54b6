package dev.ironcliw.vision.provider;

/**
 * A provider's secret. {@link #toString()} never shows it, so a key that reaches a log line or an
 * exception message by accident shows as {@code ***}; only {@link #reveal()} gives the value, for
 * the one header that carries it.
 */
public final class ApiKey {
  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /** A key; blank values are refused so a missing key is caught where it is read. */
  public static ApiKey of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("an API key must not be empty");
    }
    return new ApiKey(value.strip());
  }

  /** The secret itself: for the request header only. */
  public String reveal() {
    return value;
  }

  /** {@code text} with every occurrence of the key replaced by {@code ***}. */
  public String redactFrom(String text) {
    return text == null ? null : text.replace(value, "***");
  }

  @Override
  public String toString() {
    return "***";
  }
}

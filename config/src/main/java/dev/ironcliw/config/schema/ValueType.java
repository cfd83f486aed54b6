package dev.ironcliw.config.schema;

import java.time.Duration;
import java.util.Locale;

/** The kinds of value a setting can hold, each with the one parser from {@link Units}. */
public enum ValueType {
  TEXT("text", "any text"),
  /** An absolute http or https URL, kept as text without a trailing slash. */
  URL("a URL", "an http or https URL, e.g. http://127.0.0.1:11434/v1"),
  INTEGER("a whole number", "e.g. 32"),
  BOOLEAN("a boolean", "true or false"),
  SIZE("a size", "e.g. 512MiB or 25%"),
  /** A size on disk: absolute only, since a share of physical memory means nothing there. */
  DISK_SIZE("a size on disk", "e.g. 10GiB or 500MiB"),
  DURATION("a duration", "e.g. 250ms, 10s, 5m or 7d"),
  RATE("a rate", "e.g. 10, 10/s or 30/min"),
  CHOICE("one of the choices", ""),
  SOURCE("a capture source", "auto, x11, macos, synthetic or replay:DIR"),
  /** A number strictly between 0 and 1, e.g. a probability. */
  FRACTION("a fraction", "a number between 0 and 1, e.g. 0.001"),
  /** A YAML list of names, or one comma-separated string; parsed to a List of String. */
  NAME_LIST("a list of names", "a YAML list or comma-separated names"),
  /** A YAML list of regular expressions (commas belong to the patterns); a List of String. */
  PATTERN_LIST("a list of regular expressions", "a YAML list of Java regular expressions");

  private final String noun;
  private final String example;

  ValueType(String noun, String example) {
    this.noun = noun;
    this.example = example;
  }

  public String noun() {
    return noun;
  }

  public String example() {
    return example;
  }

  /**
   * Parses raw text to this type's Java value: String, Long, Boolean, Long bytes, Duration or
   * Double per second.
   *
   * @throws IllegalArgumentException when the text is not of this type
   */
  public Object parse(String raw, long physicalMemoryBytes) {
    String text = raw.trim();
    return switch (this) {
      case TEXT, CHOICE -> text;
      case URL -> {
        try {
          java.net.URI uri = new java.net.URI(text);
          String scheme = uri.getScheme();
          if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
            yield text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
          }
        } catch (java.net.URISyntaxException e) {
          // reported below
        }
        throw new IllegalArgumentException(example);
      }
      case FRACTION -> {
        try {
          double value = Double.parseDouble(text);
          if (value > 0 && value < 1) {
            yield value;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw new IllegalArgumentException(example);
      }
      case NAME_LIST ->
          java.util.Arrays.stream(text.split("[,\n]"))
              .map(String::trim)
              .filter(n -> !n.isEmpty())
              .toList();
      case PATTERN_LIST -> {
        java.util.List<String> patterns =
            java.util.Arrays.stream(raw.split("\n")).filter(p -> !p.isEmpty()).toList();
        for (String pattern : patterns) {
          try {
            java.util.regex.Pattern.compile(pattern);
          } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException(example, e);
          }
        }
        yield patterns;
      }
      case INTEGER -> {
        try {
          yield Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(example, e);
        }
      }
      case BOOLEAN -> {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
          throw new IllegalArgumentException(example);
        }
        yield Boolean.parseBoolean(lower);
      }
      case SIZE -> Units.parseSizeBytes(text, physicalMemoryBytes);
      case DISK_SIZE -> {
        if (text.contains("%")) {
          throw new IllegalArgumentException(example);
        }
        yield Units.parseSizeBytes(text, physicalMemoryBytes);
      }
      case DURATION -> Units.parseDuration(text);
      case RATE -> Units.parseRatePerSecond(text);
      case SOURCE -> {
        if (java.util.Set.of("auto", "synthetic", "x11", "macos").contains(text)) {
          yield text;
        }
        if (text.startsWith("replay:") && text.length() > "replay:".length()) {
          yield text;
        }
        throw new IllegalArgumentException(example);
      }
    };
  }

  /** A number to compare against a setting's range: bytes, nanoseconds, per second or the value. */
  public static double magnitude(Object value) {
    return switch (value) {
      case Long l -> l;
      case Double d -> d;
      case Duration d -> d.toNanos();
      default -> Double.NaN;
    };
  }
}

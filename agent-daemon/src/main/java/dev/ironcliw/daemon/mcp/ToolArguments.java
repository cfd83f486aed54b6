package dev.ironcliw.daemon.mcp;

import dev.ironcliw.config.schema.Units;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A tool call's arguments, read with the checks the input schemas cannot make (their JSON types are
 * checked by the SDK first). Each bad one is an {@link IllegalArgumentException} that names it.
 */
final class ToolArguments {
  private final Map<String, Object> values;

  ToolArguments(Map<String, Object> values) {
    this.values = values == null ? Map.of() : values;
  }

  String text(String name) {
    Object value = values.get(name);
    return value == null ? null : value.toString();
  }

  String requiredText(String name) {
    String value = text(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is missing: give the words to look for");
    }
    return value;
  }

  /** A whole number in [min, max], or {@code otherwise} when it is not given. */
  long number(String name, long min, long max, long otherwise) {
    Object value = values.get(name);
    if (value == null) {
      return otherwise;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      long whole = n.longValue();
      if (whole >= min && whole <= max) {
        return whole;
      }
    }
    throw new IllegalArgumentException(
        name + ": " + value + " is not a whole number from " + min + " to " + max);
  }

  /**
   * A time: an ISO-8601 instant ({@code 2026-12-06T10:00:00Z}) or a span back from now ({@code
   * 30m}, {@code 2h}, {@code 1d}); null when it is not given.
   */
  Instant time(String name, Instant now) {
    String value = text(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException notAnInstant) {
      try {
        return now.minus(Units.parseDuration(value));
      } catch (IllegalArgumentException notASpan) {
        throw new IllegalArgumentException(
            name
                + ": \""
                + value
                + "\" is neither a time (2026-12-06T10:00:00Z) nor a span back from now (30m, 2h,"
                + " 1d)");
      }
    }
  }
}

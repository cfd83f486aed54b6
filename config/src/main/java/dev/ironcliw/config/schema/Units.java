package dev.ironcliw.config.schema;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one set of rules for sizes ({@code 512MiB}, {@code 2GiB}, {@code 25%}), durations ({@code
 * 250ms}, {@code 10s}, {@code 7d}) and rates ({@code 10}, {@code 10/s}, {@code 600/min}).
 *
 * <p>Every parser throws {@link IllegalArgumentException} whose message is the "expected" phrase
 * that a configuration problem prints after the key and the value. Stateless and thread-safe.
 */
public final class Units {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");
  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]+)");
  private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*([a-z]+))?");

  private Units() {}

  /**
   * Parses a size into bytes; a percentage is taken of {@code physicalMemoryBytes}.
   *
   * @throws IllegalArgumentException naming what was expected
   */
  public static long parseSizeBytes(String text, long physicalMemoryBytes) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    Matcher percent = PERCENT.matcher(value);
    if (percent.matches()) {
      double share = Double.parseDouble(percent.group(1));
      if (share <= 0 || share > 100) {
        throw new IllegalArgumentException("a percentage between 0 and 100");
      }
      return (long) (physicalMemoryBytes * share / 100.0);
    }
    Matcher size = SIZE.matcher(value);
    if (!size.matches()) {
      throw new IllegalArgumentException("a size, e.g. 512MiB or 25%");
    }
    long unit =
        switch (size.group(2)) {
          case "", "b" -> 1L;
          case "k", "kb", "kib" -> 1L << 10;
          case "m", "mb", "mib" -> 1L << 20;
          case "g", "gb", "gib" -> 1L << 30;
          case "t", "tb", "tib" -> 1L << 40;
          default -> throw new IllegalArgumentException("a size, e.g. 512MiB or 25%");
        };
    double bytes = Double.parseDouble(size.group(1)) * unit;
    if (bytes > Long.MAX_VALUE) {
      throw new IllegalArgumentException("a size below 8EiB");
    }
    return (long) bytes;
  }

  /**
   * Parses a duration: a number followed by {@code ms}, {@code s}, {@code m}/{@code min}, {@code h}
   * or {@code d}.
   */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("a duration, e.g. 250ms, 10s, 5m, 2h or 7d");
    }
    double amount = Double.parseDouble(m.group(1));
    double nanosPerUnit =
        switch (m.group(2)) {
          case "ms" -> 1e6;
          case "s", "sec" -> 1e9;
          case "m", "min" -> 60e9;
          case "h" -> 3600e9;
          case "d" -> 86400e9;
          default ->
              throw new IllegalArgumentException("a duration, e.g. 250ms, 10s, 5m, 2h or 7d");
        };
    return Duration.ofNanos((long) (amount * nanosPerUnit));
  }

  /** Parses a rate into events per second: {@code 10} and {@code 10/s} are the same. */
  public static double parseRatePerSecond(String text) {
    Matcher m = RATE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("a rate, e.g. 10, 10/s, 30/min or 100/h");
    }
    double amount = Double.parseDouble(m.group(1));
    String per = m.group(2) == null ? "s" : m.group(2);
    double seconds =
        switch (per) {
          case "s", "sec" -> 1;
          case "m", "min" -> 60;
          case "h" -> 3600;
          case "d" -> 86400;
          default -> throw new IllegalArgumentException("a rate, e.g. 10, 10/s, 30/min or 100/h");
        };
    return amount / seconds;
  }

  /** Formats bytes with a binary unit for messages: {@code 512.0MiB}. */
  public static String formatBytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (Math.abs(value) >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.1f%s", value, units[unit]);
  }
}

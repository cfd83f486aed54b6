package dev.ironcliw.capture;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The window-title patterns of {@code privacy.exclude.titles} as every source reads them: matched
 * without regard to case ({@code secret-bank} masks "Secret-Bank"), unless a pattern opts out with
 * {@code (?-i)}. The same patterns go to the macOS shim, whose ICU regular expressions read the
 * same inline flag.
 */
public final class TitlePatterns {
  private TitlePatterns() {}

  /** The patterns, compiled to match without regard to case. */
  public static List<Pattern> compile(List<String> patterns) {
    return patterns.stream()
        .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
        .toList();
  }

  /** The patterns for an ICU matcher: each prefixed with {@code (?i)}. */
  public static List<String> forIcu(List<String> patterns) {
    return patterns.stream().map(p -> "(?i)" + p).toList();
  }
}

package dev.ironcliw.daemon.search;

import java.util.Set;

/**
 * A search: the words, and filters that are each optional (null, or empty for {@code kinds}).
 *
 * @param q what to find: words (all of them), "a phrase", a prefix*, word~ for looser matching
 * @param fromNanos only text still on screen at or after this time
 * @param toNanos only text that appeared at or before this time
 * @param app only text in this application (case does not matter)
 * @param window only text in windows whose title holds these words
 * @param kinds only these kinds
 * @param display only this display
 * @param limit most hits to answer
 * @param offset hits to skip (the cursor of the previous page)
 */
public record TextQuery(
    String q,
    Long fromNanos,
    Long toNanos,
    String app,
    String window,
    Set<TextKind> kinds,
    Integer display,
    int limit,
    int offset) {

  public TextQuery {
    kinds = Set.copyOf(kinds);
  }

  /** The most characters {@code q} may have. */
  public static final int MAX_CHARS = 1000;

  /**
   * @throws IllegalArgumentException naming {@code q} when it is missing or too long
   */
  public static void checkWords(String q) {
    if (q == null || q.isBlank()) {
      throw new IllegalArgumentException("q: missing (expected the words to search for)");
    }
    if (q.length() > MAX_CHARS) {
      throw new IllegalArgumentException(
          "q: " + q.length() + " characters is too long (expected at most " + MAX_CHARS + ")");
    }
  }
}

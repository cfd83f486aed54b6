package dev.ironcliw.daemon.journal;

import dev.ironcliw.daemon.journal.record.InsightRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Full-text matching over an insight's words, for {@code GET /api/v1/search}. */
public final class InsightText {
  /** Longest query accepted, in characters. */
  static final int MAX_QUERY_CHARS = 200;

  /** Most terms in one query. */
  static final int MAX_TERMS = 16;

  private InsightText() {}

  /**
   * The lower-case terms of {@code query}, split at white space.
   *
   * @throws IllegalArgumentException naming {@code q} when it is empty, too long or has too many
   *     terms
   */
  public static List<String> terms(String query) {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("q: missing (expected the words to search for)");
    }
    if (query.length() > MAX_QUERY_CHARS) {
      throw new IllegalArgumentException(
          "q: " + query.length() + " characters (expected at most " + MAX_QUERY_CHARS + ")");
    }
    List<String> terms = new ArrayList<>();
    for (String word : query.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
      terms.add(word);
    }
    if (terms.size() > MAX_TERMS) {
      throw new IllegalArgumentException(
          "q: " + terms.size() + " words (expected at most " + MAX_TERMS + ")");
    }
    return List.copyOf(terms);
  }

  /** True when every term is in the insight's activity, app, suggestion or raw reply. */
  static boolean matches(InsightRecord insight, List<String> terms) {
    if (terms.isEmpty()) {
      return true;
    }
    String text =
        String.join(
                "\n", insight.activity(), insight.app(), insight.suggestion(), insight.rawReply())
            .toLowerCase(Locale.ROOT);
    for (String term : terms) {
      if (!text.contains(term)) {
        return false;
      }
    }
    return true;
  }
}

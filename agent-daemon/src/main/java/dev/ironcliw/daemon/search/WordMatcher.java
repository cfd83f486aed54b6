package dev.ironcliw.daemon.search;

import java.util.List;

/**
 * Whether a word read off the screen is one of a few words asked for, as search matches them: by
 * their analysed terms (so parts of joined names and CJK bigrams match), a term of four letters or
 * more also one edit away (recognition errs: {@code lnvoice} is {@code invoice}).
 */
public final class WordMatcher {
  private static final TextAnalyzer ANALYZER = new TextAnalyzer();
  private static final int FUZZY_FROM_LETTERS = 4;

  private final List<String> terms;

  private WordMatcher(List<String> terms) {
    this.terms = terms;
  }

  /**
   * @param words what was asked for, as a search query's words (quotes and operators are read as
   *     words)
   * @throws IllegalArgumentException naming {@code name} when there are no words or too many
   */
  public static WordMatcher of(String words, String name) {
    try {
      TextQuery.checkWords(words);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + e.getMessage().substring(1), e);
    }
    List<String> terms = QueryText.terms(words, IndexFields.TEXT, ANALYZER);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException(
          name + ": \"" + words + "\" holds no words (expected letters or digits)");
    }
    return new WordMatcher(terms);
  }

  public boolean matches(String word) {
    for (String term : QueryText.terms(word, IndexFields.TEXT, ANALYZER)) {
      for (String asked : terms) {
        if (term.equals(asked)
            || (asked.length() >= FUZZY_FROM_LETTERS && EditDistance.atMost(term, asked, 1))) {
          return true;
        }
      }
    }
    return false;
  }
}

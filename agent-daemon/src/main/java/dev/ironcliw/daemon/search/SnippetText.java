package dev.ironcliw.daemon.search;

/**
 * A search snippet as plain text: the snippet is escaped for HTML with its matches in {@code
 * <mark>}, which a terminal or a model should see as text.
 */
public final class SnippetText {
  private SnippetText() {}

  /**
   * The snippet unescaped, each match between {@code before} and {@code after} instead of its
   * marks.
   */
  public static String plain(String snippet, String before, String after) {
    return snippet
        .replace(TextMatches.MARK, before)
        .replace(TextMatches.END_MARK, after)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&"); // last: "&amp;lt;" is the text "&lt;"
  }
}

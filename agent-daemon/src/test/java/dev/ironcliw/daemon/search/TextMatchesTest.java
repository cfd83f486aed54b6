package dev.ironcliw.daemon.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which words of a hit's text a query matched: the snippet's marks and the words' boxes. */
class TextMatchesTest {
  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static TextMatches matches(String q, String text) {
    QueryTerms terms =
        QueryTerms.of(QueryText.parse(q, IndexFields.TEXT, ANALYZER), IndexFields.TEXT);
    return TextMatches.find(text, terms, ANALYZER, IndexFields.TEXT);
  }

  @Test
  void shouldMarkExactFuzzyPrefixAndPhraseMatchesAndNothingElse() {
    assertEquals(
        "<mark>Invoice</mark> 2024-117 and <mark>lnvoice</mark> 118, not involve",
        matches("invoice", "Invoice 2024-117 and lnvoice 118, not involve").snippet());
    assertEquals(
        "<mark>invoices</mark> <mark>inventory</mark> in",
        matches("inv*", "invoices inventory in").snippet());
    assertEquals(
        "due on <mark>Friday</mark>, <mark>overdue</mark>",
        matches("\"overdue friday\"", "due on Friday, overdue").snippet());
    assertEquals("<mark>metting</mark> notes", matches("meeting~", "metting notes").snippet());
    assertEquals(
        "<mark>2024</mark>-<mark>118</mark> total",
        matches("2024-118", "2024-118 total").snippet());
  }

  @Test
  void shouldMarkOverlappingChineseBigramsAsOneRun() {
    assertEquals("<mark>東京都</mark>の請求書", matches("東京 京都", "東京都の請求書").snippet());
  }

  @Test
  void shouldEscapeTheTextSoThatTheMarksAreTheOnlyMarkup() {
    assertEquals(
        "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; more",
        matches("alert", "<script>alert(1)</script> & more").snippet());
  }

  @Test
  void shouldShowTheTwoLinesWithTheMostMatchesInTheirOrder() {
    String text = "build started\nerror: disk full\nnothing here\nerror: disk full again, error";
    assertEquals(
        "<mark>error</mark>: disk full … <mark>error</mark>: disk full again, <mark>error</mark>",
        matches("error", text).snippet());
    assertEquals("build started", matches("absent", text).snippet(), "no match: the first line");
  }

  @Test
  void shouldCutALongLineAroundItsFirstMatchAtSpaces() {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      words.add("word" + i);
    }
    words.set(150, "needle");
    String snippet = matches("needle", String.join(" ", words)).snippet();
    assertTrue(snippet.contains("<mark>needle</mark>"), snippet);
    assertTrue(snippet.length() < 300, snippet);
    assertFalse(snippet.startsWith("word0 "), "starts near the match: " + snippet);
    String first = snippet.substring(0, snippet.indexOf(' '));
    String last = snippet.substring(snippet.lastIndexOf(' ') + 1);
    assertTrue(words.contains(first) && words.contains(last), "cut at spaces: " + snippet);
  }

  @Test
  void shouldGiveTheBoxesOfTheWordsThatHoldAMatch() {
    List<TextWord> words =
        List.of(
            new TextWord("ssh", new Rect(0, 0, 30, 13), 90),
            new TextWord("deploy@build-12:", new Rect(36, 0, 96, 13), 90),
            new TextWord("deploy", new Rect(0, 20, 36, 13), 90),
            new TextWord("done", new Rect(40, 20, 24, 13), 90));
    String text = "ssh deploy@build-12:\ndeploy done";
    assertEquals(
        List.of(words.get(1), words.get(2)).stream().map(TextWord::box).toList(),
        matches("deploy", text).boxes(words));
    assertEquals(
        List.of(words.get(1).box()), matches("build", text).boxes(words), "a part of a word");
    assertEquals(List.of(), matches("absent", text).boxes(words));
  }

  @Test
  void shouldCountEditsAsLuceneFuzzyQueriesDo() {
    assertTrue(EditDistance.atMost("invoice", "lnvoice", 1));
    assertTrue(EditDistance.atMost("invoice", "invocie", 1), "two neighbours swapped");
    assertTrue(EditDistance.atMost("invoice", "invoices", 1));
    assertTrue(EditDistance.atMost("invoice", "nvoice", 1));
    assertFalse(EditDistance.atMost("invoice", "involve", 1));
    assertTrue(EditDistance.atMost("invoice", "involve", 2));
    assertTrue(EditDistance.atMost("請求書", "請求", 1), "code points, not chars");
    assertFalse(EditDistance.atMost("abc", "xyz", 2));
  }
}

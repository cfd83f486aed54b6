package dev.ironcliw.daemon.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screen-text index with real Lucene: words, phrases, prefixes, OCR mistakes, CJK, filters,
 * snippets, recency, bad queries, deletion, and what survives a reopen.
 */
class TextIndexTest {
  private static final long S = 1_000_000_000L;

  @TempDir Path dir;

  private static TextDocument doc(
      String id, TextKind kind, String text, String app, String window, long seenAt, long index) {
    return new TextDocument(
        id, kind, text, app, window, 0, seenAt * S, (seenAt + 60) * S, index, index);
  }

  private static TextQuery query(String q) {
    return new TextQuery(q, null, null, null, null, Set.of(), null, 10, 0);
  }

  private static List<String> ids(List<TextHit> hits) {
    return hits.stream().map(h -> h.document().id()).toList();
  }

  /** The index under test, in {@link #dir}; in clear here, encrypted in a subclass. */
  TextIndex open() {
    return TextIndex.open(dir, 16 << 20);
  }

  private TextIndex indexed() {
    TextIndex index = open();
    index.put(
        doc(
            "a",
            TextKind.OCR,
            "Invoice 2024-117 due on Friday",
            "Firefox",
            "Billing - Mozilla Firefox",
            100,
            1));
    index.put(
        doc("b", TextKind.OCR, "lnvoice 2024-118 total 42 EUR", "Evince", "scan.pdf", 200, 2));
    index.put(doc("c", TextKind.TITLE, "Meeting notes", "Gedit", "Meeting notes", 300, 3));
    index.put(doc("d", TextKind.OCR, "東京都の請求書を確認してください", "Firefox", "請求書", 400, 4));
    index.put(doc("e", TextKind.INSIGHT, "The user is paying an invoice", "", "", 500, 5));
    index.refresh();
    return index;
  }

  @Test
  void shouldFindWordsPhrasesPrefixesAndOcrMistakesWithTheExactMatchFirst() {
    try (TextIndex index = indexed()) {
      List<TextHit> invoice = index.search(query("invoice"));
      assertEquals(Set.of("a", "b", "e"), Set.copyOf(ids(invoice)), "lnvoice is one letter off");
      assertTrue(ids(invoice).indexOf("b") > 0, "the OCR mistake ranks below exact matches");
      assertEquals(List.of("a"), ids(index.search(query("\"due on friday\""))));
      assertEquals(List.of(), ids(index.search(query("\"friday due\""))));
      // A phrase forgives one misread letter in each word of four letters or more, in order.
      assertEquals(List.of("b"), ids(index.search(query("\"invoice 2024 118 total\""))));
      assertEquals(List.of("a", "b"), ids(index.search(query("\"invoice 2024\""))));
      assertEquals(List.of(), ids(index.search(query("\"total invoice\""))));
      String marked = index.search(query("\"lnvoice 2024 118\"")).getFirst().snippet();
      assertTrue(marked.contains("<mark>"), marked);
      assertEquals(
          Set.of("a", "e"), Set.copyOf(ids(index.search(query("inv*")))), "a prefix is exact");
      assertEquals(List.of("a"), ids(index.search(query("invoice friday"))), "every word");
      assertEquals(List.of("b"), ids(index.search(query("2024-118"))));
      assertEquals(List.of("c"), ids(index.search(query("metting~"))));
      String snippet = index.search(query("friday")).getFirst().snippet();
      assertTrue(snippet.contains("<mark>Friday</mark>"), snippet);
    }
  }

  @Test
  void shouldFindChineseAndJapaneseTextByAnyTwoCharactersOfIt() {
    try (TextIndex index = indexed()) {
      assertEquals(List.of("d"), ids(index.search(query("請求書"))));
      assertEquals(List.of("d"), ids(index.search(query("東京"))));
    }
  }

  @Test
  void shouldFilterByTimeAppWindowKindAndDisplay() {
    try (TextIndex index = indexed()) {
      TextQuery base = query("invoice");
      assertEquals(
          List.of("b"),
          ids(
              index.search(
                  new TextQuery("invoice", 170 * S, 230 * S, null, null, Set.of(), null, 10, 0))),
          "on screen within the range");
      assertEquals(
          List.of("a"),
          ids(
              index.search(
                  new TextQuery("invoice", null, null, "firefox", null, Set.of(), null, 10, 0))));
      assertEquals(
          List.of("b"),
          ids(
              index.search(
                  new TextQuery("invoice", null, null, null, "scan", Set.of(), null, 10, 0))));
      assertEquals(
          List.of("e"),
          ids(
              index.search(
                  new TextQuery(
                      "invoice", null, null, null, null, Set.of(TextKind.INSIGHT), null, 10, 0))));
      assertEquals(
          List.of(),
          ids(index.search(new TextQuery("invoice", null, null, null, null, Set.of(), 1, 10, 0))));
      assertEquals(3, index.search(base).size());
      assertEquals(
          1,
          index
              .search(new TextQuery("invoice", null, null, null, null, Set.of(), null, 2, 2))
              .size(),
          "the page after two");
    }
  }

  @Test
  void shouldBreakTiesByRecency() {
    try (TextIndex index = open()) {
      index.put(doc("old", TextKind.OCR, "build failed", "XTerm", "make", 100, 1));
      index.put(doc("new", TextKind.OCR, "build failed", "XTerm", "make", 900, 2));
      index.refresh();
      assertEquals(List.of("new", "old"), ids(index.search(query("build failed"))));
    }
  }

  @Test
  void shouldRefuseBadQueriesNamingTheProblem() {
    try (TextIndex index = indexed()) {
      assertTrue(
          assertThrows(
                  IllegalArgumentException.class, () -> index.search(query("\"unclosed phrase")))
              .getMessage()
              .contains("not closed"));
      assertTrue(
          assertThrows(IllegalArgumentException.class, () -> index.search(query("*")))
              .getMessage()
              .contains("no letters"));
      assertTrue(
          assertThrows(IllegalArgumentException.class, () -> index.search(query("a*")))
              .getMessage()
              .contains("too short a prefix"));
      assertTrue(
          assertThrows(
                  IllegalArgumentException.class, () -> index.search(query("x".repeat(10_000))))
              .getMessage()
              .contains("too long"));
      assertTrue(
          assertThrows(IllegalArgumentException.class, () -> index.search(query("  ")))
              .getMessage()
              .startsWith("q: missing"));
      assertEquals(
          List.of(),
          index.search(query("app:firefox OR (x")),
          "syntax of other engines is only words");
    }
  }

  @Test
  void shouldReplaceByIdDeleteWhatRetentionDeletedAndKeepCommitsAcrossAReopen() {
    try (TextIndex index = indexed()) {
      index.put(
          doc("a", TextKind.OCR, "Invoice 2024-117 due on Monday", "Firefox", "Billing", 100, 6));
      index.deleteLastSeenBefore(200 * S);
      index.refresh();
      assertEquals(List.of(), ids(index.search(query("monday"))), "a was last seen at 160 s");
      assertEquals(4, index.documents());
      index.commit(5);
    }
    try (TextIndex reopened = open()) {
      assertEquals(6, reopened.committedJournalIndex(), "close commits what was put");
      assertEquals(4, reopened.documents());
      assertEquals(List.of("d"), ids(reopened.search(query("請求書"))));
    }
  }

  @Test
  void shouldKeepTheWordsBoxesAndTheFramesCaptureTimeAndGiveTheMatchedWordsBoxes() {
    List<TextWord> words =
        List.of(
            new TextWord("error:", new Rect(4, 2, 36, 13), 91),
            new TextWord("disk", new Rect(46, 2, 24, 13), 88),
            new TextWord("fu ll", new Rect(76, 2, 30, 13), 40),
            new TextWord("lnvoice", new Rect(4, 20, 42, 13), 77));
    try (TextIndex index = open()) {
      index.put(
          new TextDocument(
              "w",
              TextKind.OCR,
              "error: disk fu ll\nlnvoice",
              "XTerm",
              "make",
              0,
              100 * S,
              160 * S,
              42,
              99 * S,
              7,
              words));
      index.refresh();
      TextHit hit = index.search(query("invoice disk")).getFirst();
      assertEquals(words, hit.document().words(), "stored and read back as written");
      assertEquals(99 * S, hit.document().seqCapturedAtNanos());
      assertEquals(List.of(words.get(1).box(), words.get(3).box()), hit.boxes());
      assertEquals("error: <mark>disk</mark> fu ll … <mark>lnvoice</mark>", hit.snippet());
    }
  }
}

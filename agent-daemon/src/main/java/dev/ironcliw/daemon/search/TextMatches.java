package dev.ironcliw.daemon.search;

import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Where a query matched a hit's text: the characters of each term it matched (overlapping CJK
 * bigrams merged), found by analysing the text once. From them come the snippet shown and the boxes
 * of the words that matched.
 */
final class TextMatches {
  static final String MARK = "<mark>";
  static final String END_MARK = "</mark>";
  private static final int PASSAGES = 2;
  private static final int MAX_PASSAGE_CHARS = 240;
  private static final String BETWEEN_PASSAGES = " … ";

  private final String text;
  private final List<int[]> spans; // [start, end) in text, sorted, not overlapping

  private TextMatches(String text, List<int[]> spans) {
    this.text = text;
    this.spans = spans;
  }

  static TextMatches find(String text, QueryTerms terms, Analyzer analyzer, String field) {
    List<int[]> spans = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (!terms.matches(term.toString())) {
          continue;
        }
        int start = offset.startOffset();
        int end = offset.endOffset();
        int[] last = spans.isEmpty() ? null : spans.getLast();
        if (last != null && start <= last[1]) {
          last[1] = Math.max(last[1], end);
        } else {
          spans.add(new int[] {start, end});
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TextMatches(text, spans);
  }

  /**
   * The lines (or, for a long line, the part around its first match) with the most matches, at most
   * two, in the order of the text, joined by an ellipsis; each match is marked with {@code <mark>}
   * and the rest escaped for HTML ({@code & < >}), so the marks are the only markup. With no match,
   * the first line.
   */
  String snippet() {
    List<int[]> lines = new ArrayList<>(); // [start, end, matches]
    for (int start = 0; start <= text.length(); ) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      lines.add(new int[] {start, end, matchesIn(start, end)});
      start = end + 1;
    }
    List<int[]> chosen =
        lines.stream()
            .filter(l -> l[2] > 0)
            .sorted(Comparator.comparingInt((int[] l) -> -l[2]).thenComparingInt(l -> l[0]))
            .limit(PASSAGES)
            .sorted(Comparator.comparingInt(l -> l[0]))
            .toList();
    if (chosen.isEmpty()) {
      chosen = List.of(lines.getFirst());
    }
    StringBuilder out = new StringBuilder();
    for (int[] line : chosen) {
      if (!out.isEmpty()) {
        out.append(BETWEEN_PASSAGES);
      }
      int[] passage = passage(line[0], line[1]);
      appendMarked(out, passage[0], passage[1]);
    }
    return out.toString();
  }

  /** The boxes of the words that hold a match, {@code words} being the text's words in order. */
  List<Rect> boxes(List<TextWord> words) {
    List<Rect> boxes = new ArrayList<>();
    int from = 0;
    for (TextWord word : words) {
      int at = text.indexOf(word.text(), from);
      if (at < 0) {
        continue; // not where it was expected: left out rather than guessed
      }
      int end = at + word.text().length();
      if (overlapsMatch(at, end)) {
        boxes.add(word.box());
      }
      from = end;
    }
    return boxes;
  }

  private int matchesIn(int start, int end) {
    int n = 0;
    for (int[] s : spans) {
      if (s[0] >= start && s[0] < end) {
        n++;
      }
    }
    return n;
  }

  private boolean overlapsMatch(int start, int end) {
    for (int[] s : spans) {
      if (s[0] < end && s[1] > start) {
        return true;
      }
    }
    return false;
  }

  /** The line, or the part of a long one around its first match, cut at spaces. */
  private int[] passage(int start, int end) {
    if (end - start <= MAX_PASSAGE_CHARS) {
      return new int[] {start, end};
    }
    int firstMatch = start;
    for (int[] s : spans) {
      if (s[0] >= start && s[0] < end) {
        firstMatch = s[0];
        break;
      }
    }
    int from = Math.max(start, firstMatch - MAX_PASSAGE_CHARS / 3);
    if (from > start) {
      int space = text.indexOf(' ', from);
      from = space >= 0 && space < firstMatch ? space + 1 : from;
    }
    int to = Math.min(end, from + MAX_PASSAGE_CHARS);
    if (to < end) {
      int space = text.lastIndexOf(' ', to);
      to = space > firstMatch ? space : to;
    }
    return new int[] {from, to};
  }

  private void appendMarked(StringBuilder out, int start, int end) {
    int at = start;
    for (int[] s : spans) {
      int from = Math.max(s[0], start);
      int to = Math.min(s[1], end);
      if (from >= to) {
        continue;
      }
      escape(out, at, from);
      out.append(MARK);
      escape(out, from, to);
      out.append(END_MARK);
      at = to;
    }
    escape(out, at, end);
  }

  private void escape(StringBuilder out, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
  }
}

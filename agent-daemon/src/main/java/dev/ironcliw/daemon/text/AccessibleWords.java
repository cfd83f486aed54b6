package dev.ironcliw.daemon.text;

import dev.ironcliw.capture.AccessibleLine;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;

/**
 * Accessibility lines as the text reader's lines of words. The interface gives a box per line, not
 * per word, so each word's box is its share of the line's width by its place among the line's
 * characters: exact for a fixed-width font, near enough for a highlight otherwise. Each element is
 * a block; the words are certain (confidence 100).
 */
final class AccessibleWords {
  static final int CONFIDENCE = 100;

  private AccessibleWords() {}

  static List<TextLine> lines(List<AccessibleLine> given) {
    List<TextLine> lines = new ArrayList<>(given.size());
    for (AccessibleLine line : given) {
      List<TextWord> words = words(line);
      if (!words.isEmpty()) {
        lines.add(new TextLine(line.element(), words));
      }
    }
    return lines;
  }

  private static List<TextWord> words(AccessibleLine line) {
    String text = line.text();
    int length = text.codePointCount(0, text.length());
    Rect box = line.box();
    List<TextWord> words = new ArrayList<>();
    int at = 0; // in code points
    int i = 0; // in chars
    while (i < text.length()) {
      int c = text.codePointAt(i);
      if (Character.isWhitespace(c)) {
        i += Character.charCount(c);
        at++;
        continue;
      }
      int start = i;
      int startAt = at;
      while (i < text.length() && !Character.isWhitespace(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
        at++;
      }
      int left = box.x() + (int) ((long) box.width() * startAt / length);
      int right = box.x() + (int) ((long) box.width() * at / length);
      words.add(
          new TextWord(
              text.substring(start, i),
              new Rect(left, box.y(), Math.max(1, right - left), box.height()),
              CONFIDENCE));
    }
    return words;
  }
}

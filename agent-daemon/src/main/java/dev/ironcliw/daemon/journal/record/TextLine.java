package dev.ironcliw.daemon.journal.record;

import dev.ironcliw.ring.Rect;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One recognized line of words, in reading order.
 *
 * @param block which text block of its read the line belongs to, from 0: the lines of a block are
 *     one search document
 * @param words the line's words, not empty
 */
public record TextLine(int block, List<TextWord> words) {
  public TextLine {
    words = List.copyOf(words);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("a line without words");
    }
  }

  public String text() {
    return words.stream().map(TextWord::text).collect(Collectors.joining(" "));
  }

  /** The smallest rectangle around every word. */
  public Rect box() {
    int left = Integer.MAX_VALUE;
    int top = Integer.MAX_VALUE;
    int right = Integer.MIN_VALUE;
    int bottom = Integer.MIN_VALUE;
    for (TextWord w : words) {
      left = Math.min(left, w.box().x());
      top = Math.min(top, w.box().y());
      right = Math.max(right, w.box().x() + w.box().width());
      bottom = Math.max(bottom, w.box().y() + w.box().height());
    }
    return new Rect(left, top, right - left, bottom - top);
  }

  /** The mean of its words' confidences. */
  public int confidence() {
    return (int) Math.round(words.stream().mapToInt(TextWord::confidence).average().orElse(0));
  }
}

package dev.ironcliw.daemon.text;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a frame showed the secrets the text reader redacted ({@link SecretRedactor}): the boxes of
 * the redacted words on screen in it ({@link VisibleText}), and of those in the reads of its
 * display after it, up to a moment. A frame is read once its area settles, so a key typed in a
 * frame is often read only in a later one, at the same place; a box that held no secret yet in the
 * frame is painted over all the same.
 */
public final class SecretBoxes {
  private SecretBoxes() {}

  /**
   * @param untilNanos the capture time of the last read after {@code seq} to count
   */
  public static List<Rect> of(Journal journal, long seq, int display, long untilNanos) {
    List<TextLine> shown = new ArrayList<>();
    VisibleText.at(journal, seq, display).forEach(l -> shown.add(l.line()));
    for (TextRecord later : journal.textsAfter(seq, VisibleText.MAX_READS_BACK)) {
      if (later.capturedAtNanos() > untilNanos) {
        break;
      }
      if (later.display() == display) {
        shown.addAll(later.lines());
      }
    }
    List<Rect> boxes = new ArrayList<>();
    for (TextLine line : shown) {
      for (TextWord word : line.words()) {
        if (word.text().equals(SecretRedactor.REDACTED)) {
          boxes.add(word.box());
        }
      }
    }
    return boxes;
  }
}

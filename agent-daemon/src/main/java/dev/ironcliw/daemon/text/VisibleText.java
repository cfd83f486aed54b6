package dev.ironcliw.daemon.text;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;

/**
 * The text on screen in a frame, from what was read: each area of its display as it was last read
 * at or before that frame, newest first, a line kept only where no newer read covered it.
 */
public final class VisibleText {
  /** How many reads back it looks: areas read earlier than these are not shown. */
  public static final int MAX_READS_BACK = 256;

  private VisibleText() {}

  /** A line on screen, and the read it came from. */
  public record Line(TextLine line, TextRecord read) {}

  /** The lines on {@code display} in frame {@code seq}. */
  public static List<Line> at(Journal journal, long seq, int display) {
    return of(display, journal.textsAtOrBefore(seq, MAX_READS_BACK));
  }

  /** The lines on {@code display}, from reads newest first. */
  static List<Line> of(int display, List<TextRecord> newestFirst) {
    List<Rect> covered = new ArrayList<>();
    List<Line> visible = new ArrayList<>();
    for (TextRecord read : newestFirst) {
      if (read.display() != display) {
        continue;
      }
      for (TextLine line : read.lines()) {
        if (covered.stream().noneMatch(area -> area.intersect(line.box()) != null)) {
          visible.add(new Line(line, read));
        }
      }
      covered.add(read.area());
    }
    return visible;
  }
}

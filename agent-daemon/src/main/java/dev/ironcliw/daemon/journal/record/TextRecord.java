package dev.ironcliw.daemon.journal.record;

import dev.ironcliw.ring.Rect;
import java.util.List;

/**
 * The text read from one settled area of a frame.
 *
 * @param seq the frame it was read from (kept as a keyframe, so its image can be shown)
 * @param capturedAtNanos when that frame was captured, epoch nanoseconds
 * @param display the display the frame is of
 * @param area the area that was read, in frame pixels: text that was there before and is not in
 *     {@code lines} is gone
 * @param lines what was read, in reading order; empty when the area holds no text now
 */
public record TextRecord(
    long seq, long capturedAtNanos, int display, Rect area, List<TextLine> lines)
    implements JournalRecord {
  public TextRecord {
    lines = List.copyOf(lines);
  }
}

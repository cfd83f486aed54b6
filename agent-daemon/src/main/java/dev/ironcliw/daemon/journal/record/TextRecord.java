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
 * @param blockWindows the window each block lay in, by block number; empty when that is not known
 *     (a source that cannot tell, a record from before it was kept): the focused window is then the
 *     best guess
 */
public record TextRecord(
    long seq,
    long capturedAtNanos,
    int display,
    Rect area,
    List<TextLine> lines,
    List<WindowName> blockWindows,
    TextSource source)
    implements JournalRecord {
  public TextRecord {
    lines = List.copyOf(lines);
    blockWindows = List.copyOf(blockWindows);
    if (!blockWindows.isEmpty()) {
      for (TextLine line : lines) {
        if (line.block() >= blockWindows.size()) {
          throw new IllegalArgumentException(
              "block " + line.block() + " has no window of " + blockWindows.size());
        }
      }
    }
  }

  /** Text recognized in the frame, whose windows are not known. */
  public TextRecord(long seq, long capturedAtNanos, int display, Rect area, List<TextLine> lines) {
    this(seq, capturedAtNanos, display, area, lines, List.of(), TextSource.OCR);
  }

  /** The window {@code block} lay in, or null when that is not known. */
  public WindowName windowOf(int block) {
    return blockWindows.isEmpty() ? null : blockWindows.get(block);
  }
}

package dev.ironcliw.capture;

import dev.ironcliw.ring.FrameHash;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.Rect;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

/**
 * Ring writes that follow the damage, for a source that keeps one screen image and knows which of
 * its rows changed. Each row carries the version of the image it last changed in. Writing a
 * display's frame then copies only the rows newer than what the claimed slot holds (a slot that
 * held an earlier frame of the same display, known by the tag left with it) and hashes again only
 * the chunks with rows newer than the display's last write ({@link FrameRingWriter#copyFrom(
 * MemorySegment, long, long, long[], boolean[], boolean[], long)}). It is only as right as the
 * damage: a change the source does not mark is not copied.
 *
 * <p>Used by the capture thread only.
 */
public final class DamageFollowingWrites {
  /** A slot's content tag is image version * this + display. */
  private static final int MAX_TAGGED_DISPLAYS = 64;

  private final List<Rect> displayAreas;
  private final long[] rowVersions;
  private long imageVersion;

  /** Per display: the hash of each chunk of its last written frame, and that frame's version. */
  private final long[][] chunkHashes;

  private final long[] hashedVersion;

  /** The frame being written: rows changed since its display's last write, and since the slot's. */
  private final boolean[] changedRows;

  private final boolean[] staleRows;

  /**
   * @param imageRows rows of the kept image
   * @param displayAreas where each display lies in the image
   */
  public DamageFollowingWrites(int imageRows, List<Rect> displayAreas) {
    this.displayAreas = List.copyOf(displayAreas);
    this.rowVersions = new long[imageRows];
    this.chunkHashes = new long[displayAreas.size()][];
    int maxHeight = 0;
    for (int i = 0; i < displayAreas.size(); i++) {
      Rect area = displayAreas.get(i);
      chunkHashes[i] = new long[FrameHash.chunkCount((long) area.width() * area.height() * 4)];
      maxHeight = Math.max(maxHeight, area.height());
    }
    this.hashedVersion = new long[displayAreas.size()];
    Arrays.fill(hashedVersion, -1);
    this.changedRows = new boolean[maxHeight];
    this.staleRows = new boolean[maxHeight];
  }

  /** The whole image was read again: every row is new. */
  public void changedAll() {
    imageVersion++;
    Arrays.fill(rowVersions, imageVersion);
  }

  /** A new version of the image begins; mark what changed in it with {@link #changed}. */
  public void nextVersion() {
    imageVersion++;
  }

  /** Rows [{@code firstRow}, {@code firstRow + rows}) changed in the current version. */
  public void changed(int firstRow, int rows) {
    int from = Math.max(0, firstRow);
    int to = Math.min(rowVersions.length, firstRow + rows);
    if (from < to) {
      Arrays.fill(rowVersions, from, to, imageVersion);
    }
  }

  /**
   * Writes {@code display}'s frame, whose rows lie in {@code image} {@code strideBytes} apart from
   * {@code offset}, into the writer's claimed slot.
   */
  public void write(
      FrameRingWriter writer, int display, MemorySegment image, long offset, long strideBytes) {
    Rect area = displayAreas.get(display);
    long slotTag = writer.claimedContentTag();
    boolean slotHoldsThisDisplay =
        slotTag != FrameRingWriter.NO_CONTENT_TAG && slotTag % MAX_TAGGED_DISPLAYS == display;
    long slotVersion = slotHoldsThisDisplay ? slotTag / MAX_TAGGED_DISPLAYS : -1;
    for (int row = 0; row < area.height(); row++) {
      long version = rowVersions[area.y() + row];
      changedRows[row] = version > hashedVersion[display];
      staleRows[row] = version > slotVersion;
    }
    writer.copyFrom(
        image,
        offset,
        strideBytes,
        chunkHashes[display],
        changedRows,
        staleRows,
        display < MAX_TAGGED_DISPLAYS
            ? imageVersion * MAX_TAGGED_DISPLAYS + display
            : FrameRingWriter.NO_CONTENT_TAG);
    hashedVersion[display] = imageVersion;
  }
}

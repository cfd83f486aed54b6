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

  /**
   * Per display: its last write was the same frame as the one before, and the fingerprint of the
   * last. A screen that stayed the same is likely to stay so: its next whole grab is hashed where
   * it lies before any copy. One that changed is copied and hashed at once, not read twice.
   */
  private final boolean[] sameAsLast;

  private final long[] lastFingerprint;

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
    this.sameAsLast = new boolean[displayAreas.size()];
    this.lastFingerprint = new long[displayAreas.size()];
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
    boolean everyRowChanged = true;
    for (int row = 0; row < area.height(); row++) {
      long version = rowVersions[area.y() + row];
      changedRows[row] = version > hashedVersion[display];
      staleRows[row] = version > slotVersion;
      everyRowChanged &= changedRows[row];
    }
    long contentTag =
        display < MAX_TAGGED_DISPLAYS
            ? imageVersion * MAX_TAGGED_DISPLAYS + display
            : FrameRingWriter.NO_CONTENT_TAG;
    if (everyRowChanged
        && sameAsLast[display]
        && unchangedLeadingChunks(display, image, offset, strideBytes, area)) {
      // The same frame as the display's last write again: a duplicate costs a read, not a copy.
      writer.copyLater(
          image,
          offset,
          strideBytes,
          FrameHash.ofChunks(chunkHashes[display], (long) area.width() * 4 * area.height()),
          contentTag);
      hashedVersion[display] = imageVersion;
      return;
    }
    writer.copyFrom(
        image, offset, strideBytes, chunkHashes[display], changedRows, staleRows, contentTag);
    long fingerprint = writer.fingerprint(); // known: the copy hashed
    sameAsLast[display] = hashedVersion[display] >= 0 && fingerprint == lastFingerprint[display];
    lastFingerprint[display] = fingerprint;
    hashedVersion[display] = imageVersion;
  }

  /**
   * For a frame the source says changed everywhere (it cannot tell where: a whole grab, a
   * recording): hashes its chunks where they lie against the display's last write, reading only.
   * Returns true when every chunk matches; otherwise the rows that lie wholly in the chunks that
   * matched are marked unchanged, so the copy takes their hashes as they are.
   */
  private boolean unchangedLeadingChunks(
      int display, MemorySegment image, long offset, long strideBytes, Rect area) {
    long rowBytes = (long) area.width() * 4;
    int matching =
        FrameHash.matchingChunks(
            image, offset, strideBytes, rowBytes, area.height(), chunkHashes[display]);
    if (matching < 0) {
      return false;
    }
    if (matching == chunkHashes[display].length) {
      return true;
    }
    long matchedBytes = matching * FrameHash.CHUNK_BYTES;
    for (int row = 0; (row + 1) * rowBytes <= matchedBytes; row++) {
      changedRows[row] = false;
    }
    return false;
  }
}

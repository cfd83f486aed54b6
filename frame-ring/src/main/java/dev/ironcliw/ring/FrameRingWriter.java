package dev.ironcliw.ring;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The ring's single writer: claim the next slot, fill its pixels in place, then commit (publish) or
 * give it back (abandon, for a frame identical to the previous one).
 *
 * <p>Used by one thread only. While a slot is claimed its lock is odd, so readers of the frame it
 * held see {@link ReadStatus#OVERWRITTEN}.
 */
public final class FrameRingWriter {
  private final FrameRing ring;
  private final UnsafeBuffer pixelBuffer = new UnsafeBuffer();
  private int claimedSlot = -1;
  private long claimedLock;
  private int width;
  private int height;
  private MemorySegment pixels = MemorySegment.NULL;

  /** Per slot, the slice of its pixels last claimed. */
  private final MemorySegment[] slices;

  private boolean fingerprintKnown;
  private long fingerprint;
  private long claimedContentTag = NO_CONTENT_TAG;

  /**
   * A copy put off by {@link #copyLater}: made when the frame is committed or its pixels are asked
   * for, never when it is abandoned. Null when none is pending.
   */
  private MemorySegment laterSource;

  private long laterOffset;
  private long laterStrideBytes;
  private long laterContentTag;

  /** Diffs each {@link #copyFrom} against {@link #diffBase} as it copies; null: off. */
  private CopyDiff copyDiff;

  private long diffBase = FrameRing.NO_COPY_DIFF;
  private final FrameView baseView = new FrameView();

  /** {@link #claimedContentTag} when what the claimed slot's pixels hold is not known. */
  public static final long NO_CONTENT_TAG = -1;

  FrameRingWriter(FrameRing ring) {
    this.ring = ring;
    this.slices = new MemorySegment[ring.geometry().slotCount()];
  }

  /**
   * Claims the slot of the next position for a {@code width} x {@code height} BGRX frame.
   *
   * @return false when that slot still holds a frame a consumer retains (the ring is full of
   *     unprocessed frames); nothing was touched then
   * @throws IllegalArgumentException when the frame is larger than a slot
   */
  public boolean tryClaim(int width, int height) {
    if (claimedSlot >= 0) {
      throw new IllegalStateException("slot already claimed; commit or abandon it first");
    }
    long frameBytes = (long) width * height * SlotDescriptor.BYTES_PER_PIXEL;
    if (width <= 0 || height <= 0 || frameBytes > ring.geometry().maxFrameBytes()) {
      throw new IllegalArgumentException(
          "frame "
              + width
              + "x"
              + height
              + " does not fit a ring slot of "
              + ring.geometry().maxFrameBytes()
              + " pixel bytes");
    }
    ring.releaseOutsideSlots(); // those a consumer retained at the resize, once it moved on
    long position = ring.nextPosition();
    int slot = ring.writeSlotOf(position);
    UnsafeBuffer header = ring.slotHeader(slot);
    if (header.getLong(SlotDescriptor.POSITION_OFFSET) >= ring.retainedFrom()) {
      return false;
    }
    long lock = header.getLong(SlotDescriptor.LOCK_OFFSET);
    claimedLock = lock + 1;
    header.putLongRelease(SlotDescriptor.LOCK_OFFSET, claimedLock);
    VarHandle.storeStoreFence();
    claimedSlot = slot;
    // Until a tagged copy says otherwise, the pixels hold something no source can name.
    claimedContentTag = ring.contentTag(slot);
    ring.setContentTag(slot, NO_CONTENT_TAG);
    this.width = width;
    this.height = height;
    pixels = claimedPixels(slot, frameBytes);
    pixelBuffer.wrap(pixels.address(), (int) frameBytes);
    fingerprintKnown = false;
    laterSource = null;
    diffBase = FrameRing.NO_COPY_DIFF;
    ring.setCopyDiffBase(slot, FrameRing.NO_COPY_DIFF);
    return true;
  }

  /**
   * From the next claim on, a {@link #copyFrom} into a slot whose claim named a frame to diff
   * against ({@link #diffAgainst}) also diffs the frame against it, on a grid of {@code tileSize}
   * tiles, while each part is in the cache: the reader finds it with {@link
   * FrameRing#diffMadeWhileCopying} instead of reading both frames again. 0 turns it off.
   */
  public void diffWhileCopying(int tileSize) {
    if (tileSize < 0) {
      throw new IllegalArgumentException("tile size must be 0 (off) or more: " + tileSize);
    }
    copyDiff = tileSize == 0 ? null : new CopyDiff(tileSize);
  }

  /**
   * Names the frame the claimed slot's copy is to be diffed against ({@link #diffWhileCopying}):
   * the one at {@code basePosition}, the frame of the stream's last write (or one equal to it),
   * which the rows the copy is told are unchanged must equal, and the chunk hashes it is given
   * describe. A negative position: none.
   */
  public void diffAgainst(long basePosition) {
    requireClaim();
    diffBase = basePosition;
  }

  /**
   * The first {@code frameBytes} of the slot's pixels; the slice is made once per slot and size.
   */
  private MemorySegment claimedPixels(int slot, long frameBytes) {
    MemorySegment slice = slices[slot];
    if (slice == null || slice.byteSize() != frameBytes) {
      slice = ring.slotPixels(slot).asSlice(0, frameBytes);
      slices[slot] = slice;
    }
    return slice;
  }

  /** The claimed slot's pixel rows, {@code width * 4} bytes apart. */
  public MemorySegment pixels() {
    requireClaim();
    copyNow();
    pixelsOpenedToCaller();
    return pixels;
  }

  /** The claimed slot's pixels through an Agrona buffer. */
  public MutableDirectBuffer pixelBuffer() {
    requireClaim();
    copyNow();
    pixelsOpenedToCaller();
    return pixelBuffer;
  }

  /** The caller may write the pixels now: a diff made as they were copied may no longer hold. */
  private void pixelsOpenedToCaller() {
    ring.setCopyDiffBase(claimedSlot, FrameRing.NO_COPY_DIFF);
  }

  /**
   * For a frame its source found identical to one it wrote before (its {@code fingerprint} known
   * without a copy): the copy into the claimed slot from rows of {@code source}, {@code
   * sourceStrideBytes} apart from {@code sourceOffset}, is put off until the frame is committed, so
   * a duplicate the caller abandons costs no copy. A plain copy then: the fingerprint is known.
   *
   * @param contentTag as for {@link #copyFrom(MemorySegment, long, long, long[], boolean[],
   *     boolean[], long)}, once copied
   */
  public void copyLater(
      MemorySegment source,
      long sourceOffset,
      long sourceStrideBytes,
      long fingerprint,
      long contentTag) {
    requireClaim();
    this.fingerprint = fingerprint;
    fingerprintKnown = true;
    laterSource = source;
    laterOffset = sourceOffset;
    laterStrideBytes = sourceStrideBytes;
    laterContentTag = contentTag;
  }

  /** Makes the copy {@link #copyLater} put off, if one is pending. */
  private void copyNow() {
    MemorySegment source = laterSource;
    if (source == null) {
      return;
    }
    laterSource = null;
    populateRowsForWrite(null);
    long rowBytes = strideBytes();
    if (laterStrideBytes == rowBytes) {
      MemorySegment.copy(source, laterOffset, pixels, 0, rowBytes * height);
    } else {
      for (int row = 0; row < height; row++) {
        MemorySegment.copy(
            source, laterOffset + row * laterStrideBytes, pixels, row * rowBytes, rowBytes);
      }
    }
    ring.setContentTag(claimedSlot, laterContentTag);
  }

  public int strideBytes() {
    return width * SlotDescriptor.BYTES_PER_PIXEL;
  }

  /**
   * Copies the frame into the claimed slot from rows of {@code source}, {@code sourceStrideBytes}
   * apart from {@code sourceOffset}, hashing it on the way ({@link FrameHash#copyAndHash}): the
   * {@link #fingerprint} then costs no second pass over the frame in memory.
   */
  public void copyFrom(MemorySegment source, long sourceOffset, long sourceStrideBytes) {
    copyFrom(source, sourceOffset, sourceStrideBytes, null, null, null, NO_CONTENT_TAG);
  }

  /**
   * What the claimed slot's pixels held when it was claimed, as the {@code contentTag} of the
   * {@link #copyFrom(MemorySegment, long, long, long[], boolean[], boolean[], long) tagged copy}
   * that left them; {@link #NO_CONTENT_TAG} when unknown (written otherwise, given back to the
   * system, or the ring was opened since).
   */
  public long claimedContentTag() {
    requireClaim();
    return claimedContentTag;
  }

  /**
   * {@link #copyFrom}, for a source that writes one frame stream again and again and knows which
   * rows changed: rows the claimed slot already holds (it held an earlier frame of the stream, see
   * {@link #claimedContentTag}) are not copied, and only the chunks holding a row changed since the
   * stream's last write are hashed again ({@link FrameHash#copyAndRehash}).
   *
   * @param chunkHashes the stream's chunk hashes, kept by the source between writes; updated
   * @param changedRows per row: changed since {@code chunkHashes} were made; null: all
   * @param staleRows per row: differs from what the claimed slot holds; null: all
   * @param contentTag names what the slot holds after this copy, for a later claim of it
   */
  public void copyFrom(
      MemorySegment source,
      long sourceOffset,
      long sourceStrideBytes,
      long[] chunkHashes,
      boolean[] changedRows,
      boolean[] staleRows,
      long contentTag) {
    requireClaim();
    laterSource = null;
    long startNanos = System.nanoTime();
    boolean remapped = populateRowsForWrite(staleRows);
    CopyDiff diffing = startCopyDiff(changedRows);
    fingerprint =
        FrameHash.copyAndRehash(
            source,
            sourceOffset,
            sourceStrideBytes,
            pixels,
            strideBytes(),
            height,
            chunkHashes,
            changedRows,
            staleRows,
            diffing);
    fingerprintKnown = true;
    if (diffing != null) {
      diffing.end();
      ring.setCopyDiffBase(claimedSlot, diffBase);
    }
    ring.remapCost()
        .recordWrite(
            System.nanoTime() - startNanos, rowsWritten(staleRows) * strideBytes(), remapped);
    ring.setContentTag(claimedSlot, contentTag);
  }

  /**
   * The diff to make during the copy about to start, ready; null when none is asked for or the
   * frame named is gone or of another size.
   */
  private CopyDiff startCopyDiff(boolean[] changedRows) {
    if (copyDiff == null
        || diffBase < 0
        || ring.read(diffBase, baseView) != ReadStatus.OK
        || baseView.width() != width
        || baseView.height() != height
        || baseView.strideBytes() != strideBytes()) {
      return null;
    }
    // This thread is the only writer: the frame cannot change under the copy.
    copyDiff.begin(
        ring.copyDiff(claimedSlot, copyDiff.tileSize()),
        baseView.pixels(),
        pixels,
        width,
        height,
        changedRows);
    return copyDiff;
  }

  private long rowsWritten(boolean[] staleRows) {
    if (staleRows == null) {
      return height;
    }
    long rows = 0;
    for (int row = 0; row < height; row++) {
      if (staleRows[row]) {
        rows++;
      }
    }
    return rows;
  }

  /**
   * Maps the pages of the rows a copy is about to write, one call per run of rows: the pipeline
   * takes the pages of frames it is done with out of the process, and the slot's pages would
   * otherwise fault one by one under the copy (a whole 1080p frame: 2,025 faults).
   *
   * @param staleRows per row: about to be written; null: all
   * @return whether the slot's pages may have been out
   */
  private boolean populateRowsForWrite(boolean[] staleRows) {
    if (!ring.takePagesOut(claimedSlot)) {
      // Mapped since its last write: the call would only walk the pages. (Rows a partial write
      // skipped may still be out; a later write of them faults page by page, and loses nothing.)
      return false;
    }
    long stride = strideBytes();
    int row = 0;
    while (row < height) {
      if (staleRows != null && !staleRows[row]) {
        row++;
        continue;
      }
      int end = row + 1;
      while (end < height && (staleRows == null || staleRows[end])) {
        end++;
      }
      PageRelease.populateForWrite(pixels.asSlice(row * stride, (end - row) * stride));
      row = end;
    }
    return true;
  }

  /** {@link FrameHash} of the claimed pixels as they are now; computed once per claim. */
  public long fingerprint() {
    requireClaim();
    if (!fingerprintKnown) {
      fingerprint = FrameHash.hash(pixels, 0, pixels.byteSize());
      fingerprintKnown = true;
    }
    return fingerprint;
  }

  /**
   * Publishes the claimed frame.
   *
   * @return the ring position it was published at
   */
  public long commit(long frameSeq, long capturedAtEpochNanos, int display) {
    requireClaim();
    copyNow();
    long fp = fingerprint();
    long position = ring.nextPosition();
    UnsafeBuffer header = ring.slotHeader(claimedSlot);
    header.putLong(SlotDescriptor.POSITION_OFFSET, position);
    header.putLong(SlotDescriptor.FRAME_SEQ_OFFSET, frameSeq);
    header.putLong(SlotDescriptor.CAPTURED_AT_NANOS_OFFSET, capturedAtEpochNanos);
    header.putInt(SlotDescriptor.WIDTH_OFFSET, width);
    header.putInt(SlotDescriptor.HEIGHT_OFFSET, height);
    header.putInt(SlotDescriptor.STRIDE_OFFSET, strideBytes());
    header.putInt(SlotDescriptor.FORMAT_OFFSET, SlotDescriptor.FORMAT_BGRX);
    header.putInt(SlotDescriptor.DISPLAY_OFFSET, display);
    header.putLong(SlotDescriptor.FINGERPRINT_OFFSET, fp);
    header.putLong(SlotDescriptor.HEADER_CHECKSUM_OFFSET, ring.headerChecksum(claimedSlot));
    header.putLongRelease(SlotDescriptor.LOCK_OFFSET, claimedLock + 1);
    ring.advance(position + 1);
    claimedSlot = -1;
    ring.afterCommit();
    return position;
  }

  /**
   * Gives the claimed slot back without publishing: the next claim reuses it, so a run of identical
   * frames takes one slot. The frame the slot held before the claim is gone.
   */
  public void abandon() {
    requireClaim();
    laterSource = null;
    UnsafeBuffer header = ring.slotHeader(claimedSlot);
    header.putLong(SlotDescriptor.POSITION_OFFSET, SlotDescriptor.EMPTY_POSITION);
    header.putLongRelease(SlotDescriptor.LOCK_OFFSET, claimedLock + 1);
    claimedSlot = -1;
  }

  /** Which frames to forget, by their sequence number and capture time (epoch nanoseconds). */
  @FunctionalInterface
  public interface FrameFilter {
    boolean test(long frameSeq, long capturedAtEpochNanos);
  }

  /**
   * Wipes every frame the ring holds that {@code forgotten} names: its pixels zeroed, its slot left
   * empty, as a write would (a reader of it sees its lock move and drops what it read). Between
   * claims only.
   *
   * @return the frames wiped
   * @throws IllegalStateException while a slot is claimed
   */
  public int forget(FrameFilter forgotten) {
    if (claimedSlot >= 0) {
      throw new IllegalStateException("cannot forget frames while a slot is claimed");
    }
    int wiped = 0;
    for (int slot = 0; slot < ring.geometry().slotCount(); slot++) {
      UnsafeBuffer header = ring.slotHeader(slot);
      if (header.getLongVolatile(SlotDescriptor.POSITION_OFFSET) < 0
          || !forgotten.test(
              header.getLong(SlotDescriptor.FRAME_SEQ_OFFSET),
              header.getLong(SlotDescriptor.CAPTURED_AT_NANOS_OFFSET))) {
        continue;
      }
      long lock = header.getLong(SlotDescriptor.LOCK_OFFSET);
      header.putLongRelease(SlotDescriptor.LOCK_OFFSET, lock + 1);
      VarHandle.storeStoreFence();
      ring.slotPixels(slot).fill((byte) 0);
      ring.setContentTag(slot, NO_CONTENT_TAG);
      header.putLong(SlotDescriptor.POSITION_OFFSET, SlotDescriptor.EMPTY_POSITION);
      header.putLongRelease(SlotDescriptor.LOCK_OFFSET, lock + 2);
      wiped++;
    }
    return wiped;
  }

  /**
   * Makes the ring go round {@code slots} slots from the next frame on, {@code 2} to the geometry's
   * slot count. Frames outside them are dropped once no consumer retains them, and their memory is
   * given back; growing again reserves against the budget first.
   *
   * @throws IllegalStateException while a slot is claimed
   * @throws BudgetExceededException when growing past the budget; nothing changed then
   */
  public void setActiveSlots(int slots) {
    if (claimedSlot >= 0) {
      throw new IllegalStateException("cannot resize the ring while a slot is claimed");
    }
    ring.resizeActive(slots);
  }

  private void requireClaim() {
    if (claimedSlot < 0) {
      throw new IllegalStateException("no slot claimed");
    }
  }
}

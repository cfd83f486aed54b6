package dev.ironcliw.ring;

import java.lang.foreign.MemorySegment;

/**
 * The tile diff of a frame against an earlier frame in the ring, made by the writer as it copies
 * the frame in: the chunks the copy hashed are compared with the earlier frame a few at a time,
 * while they are still in the cache, so the frame is read from memory once for copy, fingerprint
 * and diff together. Rows the copy was told are unchanged since the earlier frame ({@code
 * changedRows}) are not compared, nor chunks whose hash is the one the stream's chunk hashes held
 * from its last write: the earlier frame must then be that write's (or one equal to it). The sums
 * equal {@link PixelSad}'s; each tile whose sum is not 0 gets its {@link TileContentHash}. The
 * changed-tile threshold is the reader's to apply ({@link TileDiff#classify}).
 *
 * <p>Used by the writer's thread only; one per writer, reused.
 */
final class CopyDiff implements FrameHash.ChunkCopied {
  private final int tileSize;
  private final long tileBytes;
  private final TileSums sums;

  private TileDiff result;
  private MemorySegment base;
  private MemorySegment target;
  private long rowBytes;
  private boolean[] changedRows;

  /** The first tile row whose sums are not final yet. */
  private int openTileRow;

  /**
   * Copied bytes not compared yet, [{@code pendingStart}, {@code pendingEnd}): compared a few
   * chunks at a time, so the earlier frame is read in long runs, which the CPU's prefetchers
   * follow, yet while the copied chunks are still in the cache.
   */
  private long pendingStart;

  private long pendingEnd;

  /** Compared at a time: four chunks, well inside the L2 cache (64 KiB chunks cost 5-10% more). */
  private static final long COMPARE_BYTES = 4 * FrameHash.CHUNK_BYTES;

  /**
   * Chunks hashed before the copy may decide that nearly all of them differ: then the rest is
   * compared after the copy in one pass, which streams both frames, instead of reading the earlier
   * frame in runs between copies (a frame changed whole, as when scrolling: 15% less).
   */
  private static final int DEFER_AFTER_CHUNKS = 16;

  private int chunksHashed;
  private int chunksDiffering;

  /** Where the pass after the copy starts; -1 while comparing during the copy. */
  private long deferredFrom;

  private long frameBytes;

  CopyDiff(int tileSize) {
    this.tileSize = tileSize;
    this.tileBytes = tileSize * 4L;
    this.sums = new TileSums(tileSize);
  }

  int tileSize() {
    return tileSize;
  }

  /**
   * Starts the diff of the {@code width} x {@code height} frame about to be copied into {@code
   * target} against the one in {@code base}, both packed ({@code width * 4} bytes a row).
   *
   * @param changedRows per row: may differ from {@code base}; null: every row may
   */
  void begin(
      TileDiff result,
      MemorySegment base,
      MemorySegment target,
      int width,
      int height,
      boolean[] changedRows) {
    this.result = result;
    this.base = base;
    this.target = target;
    this.rowBytes = width * 4L;
    this.changedRows = changedRows;
    result.reset(width, height);
    sums.begin(result.tilesX());
    openTileRow = 0;
    pendingStart = 0;
    pendingEnd = 0;
    chunksHashed = 0;
    chunksDiffering = 0;
    deferredFrom = -1;
    frameBytes = rowBytes * height;
  }

  @Override
  public void copied(long start, long length, boolean hashedAsBefore) {
    chunksHashed++;
    if (hashedAsBefore || deferredFrom >= 0) {
      return; // the earlier frame's bytes, as its chunk hash says; or compared after the copy
    }
    chunksDiffering++;
    if (chunksHashed >= DEFER_AFTER_CHUNKS && chunksDiffering * 10L >= chunksHashed * 9L) {
      deferredFrom = start == pendingEnd ? pendingStart : start;
      if (start != pendingEnd) {
        compare(pendingStart, pendingEnd);
      }
      return;
    }
    if (start != pendingEnd) {
      compare(pendingStart, pendingEnd);
      pendingStart = start;
    }
    pendingEnd = start + length;
    if (pendingEnd - pendingStart >= COMPARE_BYTES) {
      compare(pendingStart, pendingEnd);
      pendingStart = pendingEnd;
    }
  }

  private void compare(long start, long end) {
    for (long at = start; at < end; ) {
      int row = (int) (at / rowBytes);
      long column = at - row * rowBytes;
      long piece = Math.min(rowBytes - column, end - at);
      if (changedRows == null || changedRows[row]) {
        int tileRow = row / tileSize;
        finishTileRowsBefore(tileRow);
        long rowStart = row * rowBytes;
        long from = rowStart + column;
        long firstDiff =
            MemorySegment.mismatch(base, from, from + piece, target, from, from + piece);
        if (firstDiff >= 0) {
          long firstTileByte = Math.max(column, (column + firstDiff) / tileBytes * tileBytes);
          sums.add(
              base, rowStart, target, rowStart, firstTileByte, column + piece, result, tileRow);
          // Counted per piece, not per whole row: a row's pieces may come in separate runs.
          sums.rowDone(result, tileRow);
        }
      }
      at += piece;
    }
  }

  /** The copy is done: every tile row's sums are final, and the content hashes given. */
  void end() {
    if (deferredFrom >= 0) {
      compare(deferredFrom, frameBytes);
    } else {
      compare(pendingStart, pendingEnd);
    }
    finishTileRowsBefore(result.tilesY());
    result.contentHashesGiven();
    base = null;
    target = null;
    changedRows = null;
  }

  private void finishTileRowsBefore(int tileRow) {
    while (openTileRow < tileRow) {
      sums.flush(result, openTileRow);
      sums.hashDifferingTiles(result, target, (int) rowBytes, openTileRow);
      openTileRow++;
    }
  }
}

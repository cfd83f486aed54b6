package dev.ironcliw.ring;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sums of absolute B, G, R differences of two frames, tile by tile, one row stretch at a time, with
 * the Vector API: unsigned max minus min per byte, the fourth byte masked off, pairs of bytes
 * folded into 16-bit halves of int lanes that accumulate across a tile row's pixel rows and are
 * moved into a {@link TileDiff} by {@link #flush}, often enough that no half overflows ({@link
 * #rowDone}). Gives exactly the sums of {@link PixelSad}.
 *
 * <p>One instance per thread; the accumulators are reused from frame to frame.
 */
public final class TileSums {
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final int VECTOR_BYTES = BYTES.length();
  private static final int LANES = INTS.length();
  private static final ByteVector COLOUR_BYTES = colourMask();

  /** A 16-bit half gains at most 2 * 255 per vector added: 128 adds stay below 65536. */
  private static final int ADDS_BEFORE_FLUSH = 128;

  private final int tileSize;
  private final int tileBytes;
  private final int rowsPerFlush;
  private int[] accumulators = new int[0];
  private int pendingRows;
  private int lowestTile = Integer.MAX_VALUE;

  public TileSums(int tileSize) {
    this.tileSize = tileSize;
    this.tileBytes = tileSize * 4;
    int vectorsPerTileRow = Math.max(1, (tileBytes + VECTOR_BYTES - 1) / VECTOR_BYTES);
    this.rowsPerFlush = Math.max(1, ADDS_BEFORE_FLUSH / vectorsPerTileRow);
  }

  private static ByteVector colourMask() {
    byte[] mask = new byte[VECTOR_BYTES];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = (byte) (i % 4 == 3 ? 0 : -1);
    }
    return ByteVector.fromArray(BYTES, mask, 0);
  }

  /** Bytes one vector step reads from each frame. */
  public static int vectorBytes() {
    return VECTOR_BYTES;
  }

  /** Readies the accumulators for a frame {@code tilesX} tiles wide; all start at 0. */
  public void begin(int tilesX) {
    if (accumulators.length < tilesX * LANES) {
      accumulators = new int[tilesX * LANES];
    }
    pendingRows = 0;
    lowestTile = Integer.MAX_VALUE;
  }

  /**
   * Adds |a - b| of bytes [{@code from}, {@code to}) of one pixel row, at {@code rowA} in {@code a}
   * and {@code rowB} in {@code b}, to the tiles of tile row {@code tileRow} of {@code result}. Both
   * bounds are pixel bounds (multiples of 4) within the row.
   */
  public void add(
      MemorySegment a,
      long rowA,
      MemorySegment b,
      long rowB,
      long from,
      long to,
      TileDiff result,
      int tileRow) {
    int firstTile = (int) (from / tileBytes);
    lowestTile = Math.min(lowestTile, firstTile);
    int tileIndex = tileRow * result.tilesX();
    int tx = firstTile;
    while ((long) tx * tileBytes < to) {
      long start = Math.max(from, (long) tx * tileBytes);
      long end = Math.min(to, (long) (tx + 1) * tileBytes);
      long i = start;
      boolean differed = false;
      if (i + VECTOR_BYTES <= end) {
        IntVector before = IntVector.fromArray(INTS, accumulators, tx * LANES);
        IntVector sum = before;
        for (; i + VECTOR_BYTES <= end; i += VECTOR_BYTES) {
          ByteVector va = ByteVector.fromMemorySegment(BYTES, a, rowA + i, ByteOrder.LITTLE_ENDIAN);
          ByteVector vb = ByteVector.fromMemorySegment(BYTES, b, rowB + i, ByteOrder.LITTLE_ENDIAN);
          ByteVector diff =
              va.lanewise(VectorOperators.UMAX, vb)
                  .sub(va.lanewise(VectorOperators.UMIN, vb))
                  .and(COLOUR_BYTES);
          IntVector words = diff.reinterpretAsInts();
          sum =
              sum.add(words.and(0x00FF00FF))
                  .add(words.lanewise(VectorOperators.LSHR, 8).and(0x00FF00FF));
        }
        sum.intoArray(accumulators, tx * LANES);
        // The halves cannot wrap before a flush: an unchanged sum means nothing was added.
        differed = sum.compare(VectorOperators.NE, before).anyTrue();
      }
      if (i < end) {
        long tail = PixelSad.sum(a, rowA, b, rowB, i, end);
        if (tail != 0) {
          result.addSad(tileIndex + tx, tail);
          differed = true;
        }
      }
      tx++;
      if (!differed) {
        // Past the change (typing, a window's edge): skip to the next differing byte, if any.
        long next = (long) tx * tileBytes;
        if (next >= to) {
          break;
        }
        long mismatch =
            MemorySegment.mismatch(a, rowA + next, rowA + to, b, rowB + next, rowB + to);
        if (mismatch < 0) {
          break;
        }
        tx = (int) ((next + mismatch) / tileBytes);
      }
    }
  }

  /**
   * One more pixel row of tile row {@code tileRow} was added (whole, in one or more stretches):
   * flushes when the lanes could overflow with another.
   */
  public void rowDone(TileDiff result, int tileRow) {
    if (++pendingRows == rowsPerFlush) {
      flush(result, tileRow);
    }
  }

  /**
   * Moves the accumulated sums into tile row {@code tileRow} of {@code result} and zeroes them; due
   * before the first row of another tile row is added.
   */
  public void flush(TileDiff result, int tileRow) {
    int tilesX = result.tilesX();
    for (int tx = lowestTile; tx < tilesX; tx++) {
      IntVector sum = IntVector.fromArray(INTS, accumulators, tx * LANES);
      long total =
          sum.and(0xFFFF).reduceLanesToLong(VectorOperators.ADD)
              + sum.lanewise(VectorOperators.LSHR, 16).reduceLanesToLong(VectorOperators.ADD);
      if (total != 0) {
        result.addSad(tileRow * tilesX + tx, total);
        IntVector.zero(INTS).intoArray(accumulators, tx * LANES);
      }
    }
    pendingRows = 0;
    lowestTile = Integer.MAX_VALUE;
  }

  /**
   * Records the {@link TileContentHash} of each tile of tile row {@code tileRow} whose sum is not
   * 0, from {@code current}: best while the row is still in the cache, since the verdict needs them
   * and would otherwise read those tiles from memory again.
   */
  public void hashDifferingTiles(
      TileDiff result, MemorySegment current, int strideBytes, int tileRow) {
    int tilesX = result.tilesX();
    int y = tileRow * tileSize;
    int height = Math.min(tileSize, result.frameHeight() - y);
    for (int tx = 0; tx < tilesX; tx++) {
      int tile = tileRow * tilesX + tx;
      if (result.sad(tile) != 0) {
        int x = tx * tileSize;
        result.setContentHash(
            tile,
            TileContentHash.hash(
                current, strideBytes, x, y, Math.min(tileSize, result.frameWidth() - x), height));
      }
    }
  }
}

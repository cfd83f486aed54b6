package dev.ironcliw.ring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A fast 64-bit hash of off-heap bytes, used as frame fingerprint and slot checksum. The bytes are
 * hashed in chunks of {@link #CHUNK_BYTES}, and the chunk hashes are merged in order: a frame whose
 * changed rows are known only needs those rows' chunks hashed again ({@link #copyAndRehash}). In a
 * chunk, four vector accumulators of 32-bit lanes each fold in one vector of input per step (xor,
 * multiply by an odd constant, xor-shift: a bijection, so one differing word always changes its
 * lane), which keeps the loop at memory speed; every lane, then the bytes past the last whole
 * block, are merged with XXH64 rounds and its final mix. Not cryptographic. The value depends on
 * the machine's vector width: it is only ever compared with hashes made on the same machine.
 *
 * <p>{@link #copyAndHash} hashes a frame as it copies it, chunk by chunk while each chunk is still
 * in the cache, so the frame is read from memory once. The accumulators live in a per-thread array:
 * nothing is allocated. Stateless, thread-safe.
 */
public final class FrameHash {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;
  private static final int LANE_MULTIPLIER = 0x9E3779B1;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
  private static final long VECTOR_BYTES = INTS.vectorByteSize();

  /** A thread's accumulators, four vectors' worth of lanes; one array per thread, reused. */
  private static final ThreadLocal<int[]> LANES =
      ThreadLocal.withInitial(() -> new int[4 * INTS.length()]);

  /** Bytes one step of the four accumulators takes. */
  public static final int BLOCK_BYTES = 4 * INTS.vectorByteSize();

  /**
   * Bytes hashed on their own before being merged into the whole: small enough to stay in the cache
   * between copy and hash, a whole number of blocks, and the unit {@link #copyAndRehash} re-hashes.
   */
  public static final long CHUNK_BYTES = 64L << 10;

  private FrameHash() {}

  /** Hashes {@code length} bytes of {@code segment} from {@code offset}. */
  public static long hash(MemorySegment segment, long offset, long length) {
    long h = P5 + length;
    for (long start = 0; start < length; start += CHUNK_BYTES) {
      h = merge(h, chunkHash(segment, offset + start, Math.min(CHUNK_BYTES, length - start)));
    }
    return avalanche(h);
  }

  /** How many chunk hashes {@link #copyAndRehash} keeps for {@code length} bytes. */
  public static int chunkCount(long length) {
    return (int) ((length + CHUNK_BYTES - 1) / CHUNK_BYTES);
  }

  /**
   * Copies {@code rows} rows of {@code rowBytes} from {@code source} ({@code sourceStrideBytes}
   * apart from {@code sourceOffset}) to the start of {@code target}, one after the other, and
   * returns {@link #hash} of the bytes written.
   */
  public static long copyAndHash(
      MemorySegment source,
      long sourceOffset,
      long sourceStrideBytes,
      MemorySegment target,
      long rowBytes,
      int rows) {
    return copyAndRehash(
        source, sourceOffset, sourceStrideBytes, target, rowBytes, rows, null, null, null, null);
  }

  /** Told of each chunk {@link #copyAndRehash} hashed again, right after it was copied. */
  @FunctionalInterface
  public interface ChunkCopied {
    /**
     * Target bytes [{@code start}, {@code start + length}) were copied (or were already there) and
     * hashed; they are likely still in the cache.
     *
     * @param hashedAsBefore the chunk hashes as the chunk hashes given held it, from the earlier
     *     call: the bytes are those of the frame that call copied
     */
    void copied(long start, long length, boolean hashedAsBefore);
  }

  /**
   * {@link #copyAndHash}, copying only the rows {@code target} does not already hold and hashing
   * again only the chunks that hold a changed row: the others take their hash from {@code
   * chunkHashes}, which must then hold the hashes of the same bytes from an earlier call, and every
   * chunk hashed now is stored there.
   *
   * @param chunkHashes {@link #chunkCount} entries for the frame, or null to keep none
   * @param changedRows one entry per row, or null: every row changed (all chunks hashed)
   * @param staleRows one entry per row, or null: every row is copied; a row not stale must already
   *     be in {@code target}, byte for byte
   * @param copied told of each chunk hashed again, in order; null: no one
   */
  public static long copyAndRehash(
      MemorySegment source,
      long sourceOffset,
      long sourceStrideBytes,
      MemorySegment target,
      long rowBytes,
      int rows,
      long[] chunkHashes,
      boolean[] changedRows,
      boolean[] staleRows,
      ChunkCopied copied) {
    long total = rowBytes * rows;
    long h = P5 + total;
    // Rows of whole blocks: a block never spans two rows, so each block can be hashed as it is
    // copied, while in registers, instead of read again after the copy.
    boolean fused = rowBytes % BLOCK_BYTES == 0;
    int chunk = 0;
    for (long start = 0; start < total; start += CHUNK_BYTES, chunk++) {
      long length = Math.min(CHUNK_BYTES, total - start);
      boolean rehash =
          changedRows == null
              || anyChanged(
                  changedRows, (int) (start / rowBytes), (int) ((start + length - 1) / rowBytes));
      long chunkHash;
      if (!rehash) {
        copyRange(
            source, sourceOffset, sourceStrideBytes, target, rowBytes, start, length, staleRows);
        chunkHash = chunkHashes[chunk];
      } else {
        if (fused) {
          chunkHash =
              copyAndHashRange(
                  source,
                  sourceOffset,
                  sourceStrideBytes,
                  target,
                  rowBytes,
                  start,
                  length,
                  staleRows);
        } else {
          copyRange(
              source, sourceOffset, sourceStrideBytes, target, rowBytes, start, length, staleRows);
          chunkHash = chunkHash(target, start, length);
        }
        boolean hashedAsBefore = false;
        if (chunkHashes != null) {
          hashedAsBefore = chunkHashes[chunk] == chunkHash;
          chunkHashes[chunk] = chunkHash;
        }
        if (copied != null) {
          copied.copied(start, length, hashedAsBefore);
        }
      }
      h = merge(h, chunkHash);
    }
    return avalanche(h);
  }

  /**
   * {@link #copyRange} and {@link #chunkHash} of the range in one pass: each block is folded as it
   * is copied, and the rows not copied are folded from the target. Only for rows of whole blocks.
   */
  private static long copyAndHashRange(
      MemorySegment source,
      long sourceOffset,
      long sourceStrideBytes,
      MemorySegment target,
      long rowBytes,
      long start,
      long length,
      boolean[] staleRows) {
    int[] lanes = seededLanes();
    for (long at = start, end = start + length; at < end; ) {
      long row = at / rowBytes;
      long column = at - row * rowBytes;
      long piece = Math.min(rowBytes - column, end - at);
      if (staleRows == null || staleRows[(int) row]) {
        copyAndFoldBlocks(
            lanes, source, sourceOffset + row * sourceStrideBytes + column, target, at, piece);
      } else {
        foldBlocks(lanes, target, at, at + piece);
      }
      at += piece;
    }
    return finish(lanes, target, start + length, 0, length);
  }

  /** Copies whole blocks and folds them into the accumulators on the way, as they are loaded. */
  private static void copyAndFoldBlocks(
      int[] lanes, MemorySegment source, long from, MemorySegment target, long to, long length) {
    int step = INTS.length();
    for (long i = 0; i < length; i += BLOCK_BYTES) {
      IntVector v0 = load(source, from + i);
      IntVector v1 = load(source, from + i + VECTOR_BYTES);
      IntVector v2 = load(source, from + i + 2 * VECTOR_BYTES);
      IntVector v3 = load(source, from + i + 3 * VECTOR_BYTES);
      v0.intoMemorySegment(target, to + i, ByteOrder.LITTLE_ENDIAN);
      v1.intoMemorySegment(target, to + i + VECTOR_BYTES, ByteOrder.LITTLE_ENDIAN);
      v2.intoMemorySegment(target, to + i + 2 * VECTOR_BYTES, ByteOrder.LITTLE_ENDIAN);
      v3.intoMemorySegment(target, to + i + 3 * VECTOR_BYTES, ByteOrder.LITTLE_ENDIAN);
      fold(lanes, 0, v0);
      fold(lanes, step, v1);
      fold(lanes, 2 * step, v2);
      fold(lanes, 3 * step, v3);
    }
  }

  /**
   * How many of the leading chunks of the frame in {@code source} hash as {@code chunkHashes} says,
   * hashed where they lie, reading only, and stopping at the first that differs: {@link
   * #chunkCount} when every chunk does, so the frame is the one those hashes were made of. -1 when
   * its rows are not whole blocks, or {@code chunkHashes} is of another frame size: nothing is
   * read.
   *
   * @param chunkHashes the chunk hashes of an earlier frame of the same size ({@link
   *     #copyAndRehash})
   */
  public static int matchingChunks(
      MemorySegment source,
      long sourceOffset,
      long sourceStrideBytes,
      long rowBytes,
      int rows,
      long[] chunkHashes) {
    long total = rowBytes * rows;
    if (rowBytes % BLOCK_BYTES != 0 || chunkHashes.length != chunkCount(total)) {
      return -1;
    }
    int chunk = 0;
    for (long start = 0; start < total; start += CHUNK_BYTES, chunk++) {
      long length = Math.min(CHUNK_BYTES, total - start);
      int[] lanes = seededLanes();
      for (long at = start, end = start + length; at < end; ) {
        long row = at / rowBytes;
        long column = at - row * rowBytes;
        long piece = Math.min(rowBytes - column, end - at);
        long from = sourceOffset + row * sourceStrideBytes + column;
        foldBlocks(lanes, source, from, from + piece);
        at += piece;
      }
      if (finish(lanes, source, 0, 0, length) != chunkHashes[chunk]) {
        return chunk;
      }
    }
    return chunk;
  }

  /** {@link #hash} of a frame of {@code totalBytes} from its chunks' hashes, in order. */
  public static long ofChunks(long[] chunkHashes, long totalBytes) {
    long h = P5 + totalBytes;
    for (long chunkHash : chunkHashes) {
      h = merge(h, chunkHash);
    }
    return avalanche(h);
  }

  private static boolean anyChanged(boolean[] changedRows, int firstRow, int lastRow) {
    for (int row = firstRow; row <= lastRow; row++) {
      if (changedRows[row]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Copies packed target bytes [{@code start}, {@code start + length}) from their source rows,
   * skipping the rows that are not stale.
   */
  private static void copyRange(
      MemorySegment source,
      long sourceOffset,
      long sourceStrideBytes,
      MemorySegment target,
      long rowBytes,
      long start,
      long length,
      boolean[] staleRows) {
    if (sourceStrideBytes == rowBytes && staleRows == null) {
      MemorySegment.copy(source, sourceOffset + start, target, start, length);
      return;
    }
    for (long at = start, end = start + length; at < end; ) {
      long row = at / rowBytes;
      long column = at - row * rowBytes;
      long piece = Math.min(rowBytes - column, end - at);
      if (staleRows == null || staleRows[(int) row]) {
        MemorySegment.copy(
            source, sourceOffset + row * sourceStrideBytes + column, target, at, piece);
      }
      at += piece;
    }
  }

  /** One chunk: the lanes over its whole blocks, then its tail, then the final mix. */
  private static long chunkHash(MemorySegment segment, long offset, long length) {
    int[] lanes = seededLanes();
    long end = offset + length - length % BLOCK_BYTES;
    foldBlocks(lanes, segment, offset, end);
    return finish(lanes, segment, end, offset + length - end, length);
  }

  /** The calling thread's accumulators (four vectors' worth of lanes), seeded for a new hash. */
  private static int[] seededLanes() {
    int[] lanes = LANES.get();
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = (int) ((i + 1) * P4);
    }
    return lanes;
  }

  /**
   * Folds the whole blocks in [{@code from}, {@code to}) into the accumulators. They go through the
   * array, not through vector variables carried from one iteration to the next: the JIT boxed such
   * variables in on-stack-replaced loops, allocating for every block.
   */
  private static void foldBlocks(int[] lanes, MemorySegment segment, long from, long to) {
    int step = INTS.length();
    for (long i = from; i < to; i += BLOCK_BYTES) {
      fold(lanes, 0, load(segment, i));
      fold(lanes, step, load(segment, i + VECTOR_BYTES));
      fold(lanes, 2 * step, load(segment, i + 2 * VECTOR_BYTES));
      fold(lanes, 3 * step, load(segment, i + 3 * VECTOR_BYTES));
    }
  }

  private static IntVector load(MemorySegment segment, long offset) {
    return IntVector.fromMemorySegment(INTS, segment, offset, ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Xor, multiply, xor-shift in every lane of one accumulator: bijective in each argument, and few
   * enough vector operations for the JIT to compile to a handful of instructions.
   */
  private static void fold(int[] lanes, int at, IntVector input) {
    IntVector mixed =
        IntVector.fromArray(INTS, lanes, at)
            .lanewise(VectorOperators.XOR, input)
            .mul(LANE_MULTIPLIER);
    mixed
        .lanewise(VectorOperators.XOR, mixed.lanewise(VectorOperators.LSHR, 15))
        .intoArray(lanes, at);
  }

  /** Merges the lanes, then the {@code tailLength} bytes at {@code tailOffset}, then mixes. */
  private static long finish(
      int[] lanes, MemorySegment segment, long tailOffset, long tailLength, long totalLength) {
    // Every lane through its own XXH64 round: a weak spot of one lane cannot cancel another's.
    long h = P5 + totalLength;
    for (int k = 0; k < lanes.length; k += 2) {
      h = merge(h, (lanes[k] & 0xFFFFFFFFL) | ((long) lanes[k + 1] << 32));
    }
    long i = tailOffset;
    long end = tailOffset + tailLength;
    for (; i + 8 <= end; i += 8) {
      h ^= round(0, segment.get(LONG, i));
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    for (; i < end; i++) {
      h ^= (segment.get(ValueLayout.JAVA_BYTE, i) & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
    }
    return avalanche(h);
  }

  /** One XXH64 round: folds 8 input bytes into an accumulator lane. */
  public static long round(long acc, long input) {
    return Long.rotateLeft(acc + input * P2, 31) * P1;
  }

  private static long merge(long h, long lane) {
    return (h ^ round(0, lane)) * P1 + P4;
  }

  /** The XXH64 final mix: every input bit reaches every output bit. */
  public static long avalanche(long h) {
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    return h ^ (h >>> 32);
  }
}

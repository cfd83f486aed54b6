package dev.ironcliw.ring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A fast 64-bit hash of off-heap bytes, used as frame fingerprint and slot checksum. Four vector
 * accumulators of 32-bit lanes each fold in one vector of input per step (xor, multiply by an odd
 * constant, xor-shift: a bijection, so one differing word always changes its lane), which keeps the
 * loop at memory speed; every lane, then the bytes past the last whole block, are merged with XXH64
 * rounds and its final mix. Not cryptographic. The value depends on the machine's vector width: it
 * is only ever compared with hashes made on the same machine.
 *
 * <p>{@link #copyAndHash} hashes a frame as it copies it, chunk by chunk while each chunk is still
 * in the cache, so the frame is read from memory once. The accumulators stay in registers for the
 * whole frame: nothing is allocated. Stateless, thread-safe.
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

  /** Bytes {@link #copyAndHash} copies before it hashes them: small enough to stay in the cache. */
  static final long COPY_CHUNK_BYTES = 64L << 10;

  private FrameHash() {}

  /** Hashes {@code length} bytes of {@code segment} from {@code offset}. */
  public static long hash(MemorySegment segment, long offset, long length) {
    int[] lanes = seededLanes();
    long end = offset + length - length % BLOCK_BYTES;
    foldBlocks(lanes, segment, offset, end);
    return finish(lanes, segment, end, offset + length - end, length);
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
    int[] lanes = seededLanes();
    long total = rowBytes * rows;
    boolean contiguous = sourceStrideBytes == rowBytes;
    long pieceBytes = contiguous ? COPY_CHUNK_BYTES : rowBytes;
    long hashed = 0;
    for (long copied = 0; copied < total; ) {
      long piece = Math.min(pieceBytes, total - copied);
      long from = sourceOffset + (contiguous ? copied : copied / rowBytes * sourceStrideBytes);
      MemorySegment.copy(source, from, target, copied, piece);
      copied += piece;
      long ready = (copied - hashed) / BLOCK_BYTES * BLOCK_BYTES;
      if (ready >= COPY_CHUNK_BYTES || copied == total) {
        foldBlocks(lanes, target, hashed, hashed + ready);
        hashed += ready;
      }
    }
    return finish(lanes, target, hashed, total - hashed, total);
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

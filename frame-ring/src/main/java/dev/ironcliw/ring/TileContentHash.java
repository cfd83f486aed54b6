package dev.ironcliw.ring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The perceptual content hash of one tile of a BGRX frame, at full resolution: every pixel counts,
 * so one typed character changes it, but the two lowest bits of each colour byte and the unused
 * fourth byte are masked off, so colour jitter too small to see does not make a screen look new.
 *
 * <p>Each tile row's whole vectors of pixels are folded into two vector accumulators of 32-bit
 * lanes, alternately (xor, multiply by an odd constant, xor-shift: {@link FrameHash}'s bijective
 * step, so one differing pixel always changes its lane); the pixels past the last whole vector go
 * through XXH64 rounds. The lanes are then mixed, weighted and added, and the sum mixed with the
 * rounds' state. A changed screen hashes whole tiles by the thousand, so this is on the frame's
 * path; the vectors make it a few times faster than rounds alone. The value depends on the
 * machine's vector width: it is only compared with hashes made in the same process. Stateless,
 * thread-safe.
 */
public final class TileContentHash {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final int LANE_MULTIPLIER = 0x9E3779B1;
  private static final int MIX_MULTIPLIER = 0x85EBCA6B;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  private static final int VECTOR_PIXELS = INTS.length();
  private static final long VECTOR_BYTES = INTS.vectorByteSize();

  /** B, G, R keep their six high bits; X is dropped. */
  private static final int PIXEL_MASK = 0x00FCFCFC;

  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

  /** Distinct starting values per lane, so equal columns in two lanes do not end equal. */
  private static final IntVector SEED_EVEN = seeds(1);

  private static final IntVector SEED_ODD = seeds(2);

  /** Distinct odd weights per 64-bit lane: lanes cannot trade places unnoticed. */
  private static final LongVector LANE_WEIGHTS = weights();

  /** A thread's two accumulators; one array per thread, reused. */
  private static final ThreadLocal<int[]> LANES =
      ThreadLocal.withInitial(() -> new int[2 * VECTOR_PIXELS]);

  private TileContentHash() {}

  private static IntVector seeds(int salt) {
    int[] seeds = new int[VECTOR_PIXELS];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = (int) ((i * 2L + salt) * P1 >>> 32);
    }
    return IntVector.fromArray(INTS, seeds, 0);
  }

  private static LongVector weights() {
    long[] weights = new long[LONGS.length()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = ((i + 1) * P2) | 1;
    }
    return LongVector.fromArray(LONGS, weights, 0);
  }

  /** Hashes the {@code width} x {@code height} pixels at ({@code x}, {@code y}). */
  public static long hash(
      MemorySegment pixels, int strideBytes, int x, int y, int width, int height) {
    int vectors = width / VECTOR_PIXELS;
    // The accumulators go through an array between rows, as in FrameHash: vector variables
    // carried from one iteration to the next were boxed, allocating for every row.
    int[] lanes = LANES.get();
    SEED_EVEN.intoArray(lanes, 0);
    SEED_ODD.intoArray(lanes, VECTOR_PIXELS);
    long rest = P1 + width * 31L + height;
    for (int row = 0; row < height; row++) {
      long offset = (long) (y + row) * strideBytes + x * 4L;
      for (int v = 0; v < vectors; v++) {
        int at = (v & 1) * VECTOR_PIXELS;
        fold(IntVector.fromArray(INTS, lanes, at), load(pixels, offset + v * VECTOR_BYTES))
            .intoArray(lanes, at);
      }
      for (int p = vectors * VECTOR_PIXELS; p < width; p++) {
        rest = FrameHash.round(rest, pixels.get(INT, offset + p * 4L) & PIXEL_MASK);
      }
    }
    IntVector even = IntVector.fromArray(INTS, lanes, 0);
    IntVector odd = IntVector.fromArray(INTS, lanes, VECTOR_PIXELS);
    IntVector mixed = mix(even).lanewise(VectorOperators.XOR, mix(odd).mul(LANE_MULTIPLIER));
    long weighted =
        mixed.reinterpretAsLongs().mul(LANE_WEIGHTS).reduceLanesToLong(VectorOperators.ADD);
    return FrameHash.avalanche(FrameHash.round(rest, weighted));
  }

  private static IntVector load(MemorySegment pixels, long offset) {
    return IntVector.fromMemorySegment(INTS, pixels, offset, ByteOrder.LITTLE_ENDIAN)
        .and(PIXEL_MASK);
  }

  private static IntVector fold(IntVector lanes, IntVector input) {
    IntVector mixed = lanes.lanewise(VectorOperators.XOR, input).mul(LANE_MULTIPLIER);
    return mixed.lanewise(VectorOperators.XOR, mixed.lanewise(VectorOperators.LSHR, 15));
  }

  /** Spreads each lane's bits over the whole lane before the lanes are combined. */
  private static IntVector mix(IntVector lanes) {
    IntVector h = lanes.lanewise(VectorOperators.XOR, lanes.lanewise(VectorOperators.LSHR, 16));
    h = h.mul(MIX_MULTIPLIER);
    return h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 13));
  }
}

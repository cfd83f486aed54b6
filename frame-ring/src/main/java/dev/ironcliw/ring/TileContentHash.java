package dev.ironcliw.ring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The perceptual content hash of one tile of a BGRX frame, at full resolution: every pixel counts,
 * so one typed character changes it, but the two lowest bits of each colour byte and the unused
 * fourth byte are masked off, so colour jitter too small to see does not make a screen look new.
 * Four independent lanes of {@link FrameHash}'s round keep the CPU's multipliers busy. Stateless,
 * thread-safe.
 */
public final class TileContentHash {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;

  /** Two BGRX pixels: B, G, R keep their six high bits; X is dropped. */
  private static final long PIXEL_PAIR_MASK = 0x00FCFCFC_00FCFCFCL;

  private static final int PIXEL_MASK = 0x00FCFCFC;
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

  private TileContentHash() {}

  /** Hashes the {@code width} x {@code height} pixels at ({@code x}, {@code y}). */
  public static long hash(
      MemorySegment pixels, int strideBytes, int x, int y, int width, int height) {
    long a = P1;
    long b = P2;
    long c = P3;
    long d = width * 31L + height;
    int pairs = width >>> 1;
    for (int row = 0; row < height; row++) {
      long offset = (long) (y + row) * strideBytes + x * 4L;
      int p = 0;
      for (; p + 4 <= pairs; p += 4, offset += 32) {
        a = FrameHash.round(a, pixels.get(LONG, offset) & PIXEL_PAIR_MASK);
        b = FrameHash.round(b, pixels.get(LONG, offset + 8) & PIXEL_PAIR_MASK);
        c = FrameHash.round(c, pixels.get(LONG, offset + 16) & PIXEL_PAIR_MASK);
        d = FrameHash.round(d, pixels.get(LONG, offset + 24) & PIXEL_PAIR_MASK);
      }
      for (; p < pairs; p++, offset += 8) {
        a = FrameHash.round(a, pixels.get(LONG, offset) & PIXEL_PAIR_MASK);
      }
      if ((width & 1) != 0) {
        b = FrameHash.round(b, pixels.get(INT, offset) & PIXEL_MASK);
      }
    }
    long h = Long.rotateLeft(a, 1) + Long.rotateLeft(b, 7) + Long.rotateLeft(c, 12);
    h += Long.rotateLeft(d, 18);
    return FrameHash.avalanche(h);
  }
}

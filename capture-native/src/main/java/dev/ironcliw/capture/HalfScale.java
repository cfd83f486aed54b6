package dev.ironcliw.capture;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Halves B,G,R,X pixels in width and height: each output pixel is the rounded mean of a 2x2 block,
 * channel by channel. A HiDPI desktop draws each point as 2x2 pixels, so the half-size image keeps
 * what the user can read at a quarter of the bytes. An odd last column or row is left out.
 *
 * <p>Two pixels are read as one long and their channels summed in 16-bit lanes of it (at most 4 x
 * 255 = 1020 per lane), so one output pixel costs two loads and a few integer operations.
 */
public final class HalfScale {
  private static final ValueLayout.OfLong TWO_PIXELS = ValueLayout.JAVA_LONG_UNALIGNED;
  private static final ValueLayout.OfInt PIXEL = ValueLayout.JAVA_INT_UNALIGNED;

  /** Every other byte of a long: B and R of two pixels, or G and X after a shift by 8. */
  private static final long LANES = 0x00FF00FF00FF00FFL;

  /** Half of 4 in each 16-bit lane of a summed pixel: the mean rounds to nearest. */
  private static final long ROUNDING = 0x0002_0002L;

  private HalfScale() {}

  /**
   * Writes {@code rowsOut} rows of {@code widthOut} half-size pixels.
   *
   * @param from the full-size pixels
   * @param fromOffset the byte offset of the first full-size row's first pixel
   * @param fromStrideBytes bytes from one full-size row to the next
   * @param to where the half-size pixels go
   * @param toOffset the byte offset of the first half-size row's first pixel
   * @param toStrideBytes bytes from one half-size row to the next
   * @param widthOut half-size pixels per row; the full-size rows hold at least twice as many
   * @param rowsOut half-size rows; the full-size image has at least twice as many from its first
   */
  public static void copy(
      MemorySegment from,
      long fromOffset,
      long fromStrideBytes,
      MemorySegment to,
      long toOffset,
      long toStrideBytes,
      int widthOut,
      int rowsOut) {
    for (int row = 0; row < rowsOut; row++) {
      long top = fromOffset + 2L * row * fromStrideBytes;
      long bottom = top + fromStrideBytes;
      long out = toOffset + row * toStrideBytes;
      for (int x = 0; x < widthOut; x++) {
        long a = from.get(TWO_PIXELS, top + 8L * x);
        long b = from.get(TWO_PIXELS, bottom + 8L * x);
        to.set(PIXEL, out + 4L * x, mean(a, b));
      }
    }
  }

  /** The mean of the two pixels in {@code topPair} and the two in {@code bottomPair}. */
  static int mean(long topPair, long bottomPair) {
    long blueRed = (topPair & LANES) + (bottomPair & LANES);
    long greenX = ((topPair >>> 8) & LANES) + ((bottomPair >>> 8) & LANES);
    long blueRedSum = (blueRed & 0xFFFF_FFFFL) + (blueRed >>> 32) + ROUNDING;
    long greenXSum = (greenX & 0xFFFF_FFFFL) + (greenX >>> 32) + ROUNDING;
    return (int) (((blueRedSum >>> 2) & 0x00FF_00FFL) | (((greenXSum >>> 2) & 0x00FF_00FFL) << 8));
  }
}

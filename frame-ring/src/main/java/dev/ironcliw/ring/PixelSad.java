package dev.ironcliw.ring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The scalar sum of absolute B, G, R differences over a stretch of two pixel rows. */
public final class PixelSad {
  private static final ValueLayout.OfInt PIXEL = ValueLayout.JAVA_INT_UNALIGNED;

  private PixelSad() {}

  /**
   * Bytes {@code [from, to)} of rows at {@code rowA} and {@code rowB}, a pixel (4 bytes) at a time.
   */
  public static long sum(
      MemorySegment a, long rowA, MemorySegment b, long rowB, long from, long to) {
    long sad = 0;
    for (long i = from; i < to; i += 4) {
      int pa = a.get(PIXEL, rowA + i);
      int pb = b.get(PIXEL, rowB + i);
      if (pa != pb) {
        sad +=
            Math.abs((pa & 0xFF) - (pb & 0xFF))
                + Math.abs((pa >>> 8 & 0xFF) - (pb >>> 8 & 0xFF))
                + Math.abs((pa >>> 16 & 0xFF) - (pb >>> 16 & 0xFF));
      }
    }
    return sad;
  }
}

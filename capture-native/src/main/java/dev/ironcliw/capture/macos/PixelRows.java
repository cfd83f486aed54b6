package dev.ironcliw.capture.macos;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Copies pixel rows between buffers whose row strides differ (CGImage's bytesPerRow pads). */
final class PixelRows {
  private static final ValueLayout.OfInt PIXEL = ValueLayout.JAVA_INT_UNALIGNED;

  private PixelRows() {}

  /**
   * Copies {@code width} x {@code height} 32-bit pixels from {@code source} ({@code sourceStride}
   * bytes per row) to {@code target} ({@code targetStride} bytes per row) as B,G,R,X.
   */
  static void copyToBgrx(
      MemorySegment source,
      int sourceStride,
      CgPixelFormat format,
      MemorySegment target,
      int targetStride,
      int width,
      int height) {
    if (sourceStride < width * 4 || targetStride < width * 4) {
      throw new IllegalArgumentException(
          "row strides "
              + sourceStride
              + "/"
              + targetStride
              + " are shorter than "
              + width
              + " pixels");
    }
    for (int row = 0; row < height; row++) {
      long from = (long) row * sourceStride;
      long to = (long) row * targetStride;
      if (format == CgPixelFormat.BGRA) {
        MemorySegment.copy(source, from, target, to, width * 4L);
      } else {
        for (int x = 0; x < width; x++) {
          target.set(PIXEL, to + x * 4L, format.toBgrx(source.get(PIXEL, from + x * 4L)));
        }
      }
    }
  }
}

package dev.ironcliw.vision.image;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Copies a rectangle of a frame out of the ring, averaging boxes of source pixels so that the
 * longer edge is at most a limit: text stays legible where nearest-neighbour sampling would drop
 * strokes. One pass over the source pixels.
 */
public final class Downscaler {
  private Downscaler() {}

  /** The size {@code width x height} becomes with its longer edge at most {@code maxLongEdge}. */
  static int[] fittedSize(int width, int height, int maxLongEdge) {
    int longEdge = Math.max(width, height);
    if (longEdge <= maxLongEdge) {
      return new int[] {width, height};
    }
    double scale = (double) maxLongEdge / longEdge;
    return new int[] {
      Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))
    };
  }

  /**
   * The pixels of {@code area} (inside the frame) downscaled to fit {@code maxLongEdge}; the caller
   * checks {@link FrameView#stillValid()} afterwards.
   */
  public static FrameCrop copy(FrameView frame, Rect area, int maxLongEdge, boolean context) {
    int[] size = fittedSize(area.width(), area.height(), maxLongEdge);
    int outWidth = size[0];
    int outHeight = size[1];
    int[] columnOf = new int[area.width()];
    for (int sx = 0; sx < area.width(); sx++) {
      columnOf[sx] = (int) ((long) sx * outWidth / area.width());
    }
    long[] red = new long[outWidth];
    long[] green = new long[outWidth];
    long[] blue = new long[outWidth];
    long[] count = new long[outWidth];
    int[] row = new int[area.width()];
    int[] out = new int[outWidth * outHeight];
    MemorySegment pixels = frame.pixels();
    int sy = 0;
    for (int oy = 0; oy < outHeight; oy++) {
      int rowsEnd = (int) ((long) (oy + 1) * area.height() / outHeight);
      java.util.Arrays.fill(red, 0);
      java.util.Arrays.fill(green, 0);
      java.util.Arrays.fill(blue, 0);
      java.util.Arrays.fill(count, 0);
      for (; sy < rowsEnd; sy++) {
        MemorySegment.copy(
            pixels,
            ValueLayout.JAVA_INT_UNALIGNED,
            (long) (area.y() + sy) * frame.strideBytes() + 4L * area.x(),
            row,
            0,
            area.width());
        for (int sx = 0; sx < area.width(); sx++) {
          int ox = columnOf[sx];
          int p = row[sx];
          red[ox] += (p >>> 16) & 0xFF;
          green[ox] += (p >>> 8) & 0xFF;
          blue[ox] += p & 0xFF;
          count[ox]++;
        }
      }
      int base = oy * outWidth;
      for (int ox = 0; ox < outWidth; ox++) {
        long n = Math.max(1, count[ox]);
        out[base + ox] =
            (int) ((red[ox] + n / 2) / n) << 16
                | (int) ((green[ox] + n / 2) / n) << 8
                | (int) ((blue[ox] + n / 2) / n);
      }
    }
    return new FrameCrop(area, frame.width(), frame.height(), outWidth, outHeight, out, context);
  }
}

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
    return copy(frame, area, maxLongEdge, context, null);
  }

  /**
   * {@link #copy(FrameView, Rect, int, boolean)} into {@code into}'s array (null: a new one): the
   * crop holds it only until the next copy into the same buffer.
   */
  public static FrameCrop copy(
      FrameView frame, Rect area, int maxLongEdge, boolean context, PixelBuffer into) {
    int[] size = fittedSize(area.width(), area.height(), maxLongEdge);
    int length = size[0] * size[1];
    int[] out = into == null ? new int[length] : into.take(length);
    if (size[0] == area.width() && size[1] == area.height()) {
      copyRows(frame, area, out);
    } else {
      averageBoxes(frame, area, size[0], size[1], out);
    }
    return new FrameCrop(area, frame.width(), frame.height(), size[0], size[1], out, context);
  }

  /** The area as it is, row by row, with the unused fourth byte cleared. */
  private static void copyRows(FrameView frame, Rect area, int[] out) {
    MemorySegment pixels = frame.pixels();
    for (int y = 0; y < area.height(); y++) {
      MemorySegment.copy(
          pixels,
          ValueLayout.JAVA_INT_UNALIGNED,
          (long) (area.y() + y) * frame.strideBytes() + 4L * area.x(),
          out,
          y * area.width(),
          area.width());
    }
    for (int i = 0; i < out.length; i++) {
      out[i] &= 0xFFFFFF;
    }
  }

  /**
   * Each output pixel is the mean of the source pixels its box covers. The rows of a box are summed
   * per source column first, red and blue packed 32 bits apart in one long and green in an int (a
   * few masks and adds per pixel, a straight loop the JIT vectorizes; no sum overflows below 32,896
   * rows a box); then each output pixel adds up its box's few columns and scales by a reciprocal
   * made once per column and once per row, with no division per pixel.
   */
  private static void averageBoxes(
      FrameView frame, Rect area, int outWidth, int outHeight, int[] out) {
    int width = area.width();
    int[] firstColumn = firstColumns(width, outWidth);
    double[] columnInverse = new double[outWidth];
    int widestBox = 0;
    for (int ox = 0; ox < outWidth; ox++) {
      columnInverse[ox] = 1.0 / (firstColumn[ox + 1] - firstColumn[ox]);
      widestBox = Math.max(widestBox, firstColumn[ox + 1] - firstColumn[ox]);
    }
    long[] redBlue = new long[width];
    int[] green = new int[width];
    int[] row = new int[width];
    MemorySegment pixels = frame.pixels();
    int sy = 0;
    for (int oy = 0; oy < outHeight; oy++) {
      int rowsEnd = (int) ((long) (oy + 1) * area.height() / outHeight);
      int rows = rowsEnd - sy;
      java.util.Arrays.fill(redBlue, 0);
      java.util.Arrays.fill(green, 0);
      for (; sy < rowsEnd; sy++) {
        readRow(frame, pixels, area, sy, row);
        addPacked(row, redBlue, green);
      }
      double rowInverse = 1.0 / rows;
      int base = oy * outWidth;
      for (int ox = 0; ox < outWidth; ox++) {
        int from = firstColumn[ox];
        int columns = firstColumn[ox + 1] - from;
        long red = 0;
        long greens = 0;
        long blue = 0;
        // Always the widest box's count of columns, the ones past this box masked to zero: a box
        // of 1 or 2 columns in turn (a 1.5x scale) made a loop to its own end mispredict often.
        for (int k = 0; k < widestBox; k++) {
          int sx = Math.min(from + k, width - 1);
          int keep = k < columns ? -1 : 0;
          long rb = redBlue[sx] & keep;
          red += rb >>> 32;
          blue += rb & 0xFFFFFFFFL;
          greens += (green[sx] & keep) >>> 8;
        }
        double inverse = columnInverse[ox] * rowInverse;
        out[base + ox] =
            (int) (red * inverse + 0.5) << 16
                | (int) (greens * inverse + 0.5) << 8
                | (int) (blue * inverse + 0.5);
      }
    }
  }

  /**
   * Adds a row's red and blue (32 bits apart) and green to the column sums. A method of its own:
   * the JIT vectorizes this loop here, not inlined in the loop over rows (3.5 ns a pixel there).
   */
  private static void addPacked(int[] row, long[] redBlue, int[] green) {
    for (int sx = 0; sx < row.length; sx++) {
      int p = row[sx];
      redBlue[sx] += (long) (p & 0xFF0000) << 16 | p & 0xFF;
      green[sx] += p & 0xFF00;
    }
  }

  /** Output column ox covers source columns firstColumn[ox] to firstColumn[ox + 1] - 1. */
  private static int[] firstColumns(int width, int outWidth) {
    int[] firstColumn = new int[outWidth + 1];
    for (int ox = 0; ox <= outWidth; ox++) {
      firstColumn[ox] = (int) (((long) ox * width + outWidth - 1) / outWidth);
    }
    return firstColumn;
  }

  private static void readRow(FrameView frame, MemorySegment pixels, Rect area, int y, int[] row) {
    MemorySegment.copy(
        pixels,
        ValueLayout.JAVA_INT_UNALIGNED,
        (long) (area.y() + y) * frame.strideBytes() + 4L * area.x(),
        row,
        0,
        row.length);
  }
}

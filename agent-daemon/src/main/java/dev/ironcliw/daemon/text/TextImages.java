package dev.ironcliw.daemon.text;

import dev.ironcliw.ring.Rect;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Prepares an area of a frame for a text engine the way Tesseract reads screens best: grey, dark
 * text on a light ground (light-on-dark areas inverted), and scaled up, since screen text is
 * smaller than the 20-30 pixel letters Tesseract is trained on (a 6x13 bitmap font is not read at
 * all unscaled).
 */
public final class TextImages {
  /** The most pixels a prepared image has: a whole 1080p screen is scaled by 2, smaller by 3. */
  static final int MAX_PREPARED_PIXELS = 9 * 1024 * 1024;

  /** The most an area is scaled up. */
  public static final int MAX_SCALE = 3;

  private TextImages() {}

  /**
   * The area {@code rect} of frame pixels (one int per pixel, XRGB, rows {@code strideBytes}
   * apart), prepared.
   */
  public static GreyImage prepare(MemorySegment pixels, int strideBytes, Rect rect) {
    return prepare(pixels, strideBytes, rect, MAX_SCALE);
  }

  /** As {@link #prepare(MemorySegment, int, Rect)}, scaled up by at most {@code maxScale}. */
  public static GreyImage prepare(MemorySegment pixels, int strideBytes, Rect rect, int maxScale) {
    int width = rect.width();
    int height = rect.height();
    byte[] grey = new byte[width * height];
    long sum = 0;
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      MemorySegment.copy(
          pixels,
          ValueLayout.JAVA_INT_UNALIGNED,
          (long) (rect.y() + y) * strideBytes + (long) rect.x() * Integer.BYTES,
          row,
          0,
          width);
      for (int x = 0; x < width; x++) {
        int luma = luma(row[x]);
        grey[y * width + x] = (byte) luma;
        sum += luma;
      }
    }
    if (sum < 128L * width * height) {
      for (int i = 0; i < grey.length; i++) {
        grey[i] = (byte) (255 - (grey[i] & 0xFF));
      }
    }
    eraseCursorBlocks(grey, width, height);
    int scale = Math.min(maxScale, scaleFor(width, height));
    return new GreyImage(
        scale == 1 ? grey : upscale(grey, width, height, scale),
        width * scale,
        height * scale,
        scale,
        rect.x(),
        rect.y());
  }

  /** Luma spread within a row or column of an area above which it holds ink (text, lines). */
  private static final int INK_CONTRAST = 48;

  /** A run of columns without ink this wide ends a text area across. */
  static final int GAP_PIXELS = 24;

  /** How far up or down a text area grows to take in lines its changed rows cut. */
  static final int MAX_GROW_PIXELS = 64;

  private static final int MARGIN_PIXELS = 4;

  /**
   * The area to read around {@code changed}, in a frame of {@code width} x {@code height}: grown up
   * and down while the rows next to it hold ink (a line the changed tiles cut in half), then left
   * and right across the ink of those rows until a gap of {@link #GAP_PIXELS} without ink (the rest
   * of the line typed in, not the window beside it), with a small margin.
   */
  public static Rect textArea(
      MemorySegment pixels, int strideBytes, int width, int height, Rect changed) {
    int left = changed.x();
    int right = changed.x() + changed.width();
    int top = changed.y();
    int bottom = changed.y() + changed.height();
    for (int grown = 0; grown < MAX_GROW_PIXELS && top > 0; grown++) {
      if (!rowHasInk(pixels, strideBytes, top - 1, left, right)) {
        break;
      }
      top--;
    }
    for (int grown = 0; grown < MAX_GROW_PIXELS && bottom < height; grown++) {
      if (!rowHasInk(pixels, strideBytes, bottom, left, right)) {
        break;
      }
      bottom++;
    }
    int gap = 0;
    for (int x = left - 1; x >= 0 && gap < GAP_PIXELS; x--) {
      if (columnHasInk(pixels, strideBytes, x, top, bottom)) {
        left = x;
        gap = 0;
      } else {
        gap++;
      }
    }
    gap = 0;
    for (int x = right; x < width && gap < GAP_PIXELS; x++) {
      if (columnHasInk(pixels, strideBytes, x, top, bottom)) {
        right = x + 1;
        gap = 0;
      } else {
        gap++;
      }
    }
    left = Math.max(0, left - MARGIN_PIXELS);
    top = Math.max(0, top - MARGIN_PIXELS);
    right = Math.min(width, right + MARGIN_PIXELS);
    bottom = Math.min(height, bottom + MARGIN_PIXELS);
    return new Rect(left, top, right - left, bottom - top);
  }

  private static boolean rowHasInk(MemorySegment pixels, int strideBytes, int y, int x0, int x1) {
    return hasInk(pixels, strideBytes, x0, y, 1, 0, x1 - x0);
  }

  private static boolean columnHasInk(
      MemorySegment pixels, int strideBytes, int x, int y0, int y1) {
    return hasInk(pixels, strideBytes, x, y0, 0, 1, y1 - y0);
  }

  /** Whether the luma of {@code count} pixels from (x, y), stepping (dx, dy), spreads as ink's. */
  private static boolean hasInk(
      MemorySegment pixels, int strideBytes, int x, int y, int dx, int dy, int count) {
    int min = 255;
    int max = 0;
    for (int i = 0; i < count; i++) {
      long at = (long) (y + i * dy) * strideBytes + 4L * (x + i * dx);
      int luma = luma(pixels.get(ValueLayout.JAVA_INT_UNALIGNED, at));
      min = Math.min(min, luma);
      max = Math.max(max, luma);
    }
    return max - min > INK_CONTRAST;
  }

  private static int luma(int p) {
    return (((p >> 16) & 0xFF) * 77 + ((p >> 8) & 0xFF) * 150 + (p & 0xFF) * 29) >> 8;
  }

  /** Darker than this, once light-on-dark is inverted, is ink. */
  private static final int DARK = 96;

  /**
   * Whitens dark rectangles the size of a character cell, solid or hollow: a terminal's block
   * cursor (hollow where the terminal has no focus), which recognition otherwise reads as a letter
   * of the word beside it ({@code 12} as {@code 129}) or merges with the word above it ({@code
   * Deployment} as {@code noun}). A run of dark pixels 4 to 16 wide that repeats, the same, for 8
   * to 32 rows (or whose edges do, closed by the same run), 1.2 to 4 times as tall as wide, is
   * taken for one; letters are not that square.
   */
  static void eraseCursorBlocks(byte[] grey, int width, int height) {
    for (int y = 0; y + 8 <= height; y++) {
      int x = 0;
      while (x < width) {
        if ((grey[y * width + x] & 0xFF) >= DARK) {
          x++;
          continue;
        }
        int end = x;
        while (end < width && (grey[y * width + end] & 0xFF) < DARK) {
          end++;
        }
        int runWidth = end - x;
        if (runWidth >= 4 && runWidth <= 16 && startsBlock(grey, width, x, end, y)) {
          int rows = blockRows(grey, width, height, x, end, y);
          if (rows >= 8 && rows <= 32 && rows >= runWidth * 1.2 && rows <= runWidth * 4) {
            for (int r = y; r < y + rows; r++) {
              java.util.Arrays.fill(grey, r * width + x, r * width + end, (byte) 255);
            }
          }
        }
        x = end;
      }
    }
  }

  /**
   * The rows of the rectangle whose top is the dark run {@code x0..x1} on row {@code y}: solid rows
   * of that run, or rows dark only at its two ends and closed by the run again; 0 if neither.
   */
  private static int blockRows(byte[] grey, int width, int height, int x0, int x1, int y) {
    int rows = 1;
    while (y + rows < height && rows <= 32 && sameRun(grey, width, x0, x1, y + rows)) {
      rows++;
    }
    if (rows > 1) {
      return rows; // solid
    }
    while (y + rows < height && rows <= 32 && edgesOnly(grey, width, x0, x1, y + rows)) {
      rows++;
    }
    return y + rows < height && sameRun(grey, width, x0, x1, y + rows) ? rows + 1 : 0;
  }

  /** Whether row {@code y} is dark at {@code x0} and {@code x1 - 1} and light between. */
  private static boolean edgesOnly(byte[] grey, int width, int x0, int x1, int y) {
    if ((grey[y * width + x0] & 0xFF) >= DARK || (grey[y * width + x1 - 1] & 0xFF) >= DARK) {
      return false;
    }
    for (int x = x0 + 1; x < x1 - 1; x++) {
      if ((grey[y * width + x] & 0xFF) < DARK) {
        return false;
      }
    }
    return true;
  }

  /** Whether the run is the top of a block: the row above is not dark there. */
  private static boolean startsBlock(byte[] grey, int width, int x0, int x1, int y) {
    return y == 0 || !sameRun(grey, width, x0, x1, y - 1);
  }

  /** Whether row {@code y} is dark from {@code x0} to {@code x1} and light just outside. */
  private static boolean sameRun(byte[] grey, int width, int x0, int x1, int y) {
    for (int x = x0; x < x1; x++) {
      if ((grey[y * width + x] & 0xFF) >= DARK) {
        return false;
      }
    }
    boolean leftLight = x0 == 0 || (grey[y * width + x0 - 1] & 0xFF) >= DARK;
    boolean rightLight = x1 == width || (grey[y * width + x1] & 0xFF) >= DARK;
    return leftLight && rightLight;
  }

  static int scaleFor(int width, int height) {
    long pixels = (long) width * height;
    for (int scale = MAX_SCALE; scale > 1; scale--) {
      if (pixels * scale * scale <= MAX_PREPARED_PIXELS) {
        return scale;
      }
    }
    return 1;
  }

  /** Bilinear: smooth edges read better than the blocks of repeated pixels. */
  private static byte[] upscale(byte[] grey, int width, int height, int scale) {
    int outWidth = width * scale;
    int outHeight = height * scale;
    byte[] out = new byte[outWidth * outHeight];
    for (int oy = 0; oy < outHeight; oy++) {
      // Centres of output pixels mapped onto the source grid, in 1/256ths of a pixel.
      int sy = Math.max(0, ((2 * oy + 1) * 256 / (2 * scale)) - 128);
      int y0 = Math.min(sy >> 8, height - 1);
      int y1 = Math.min(y0 + 1, height - 1);
      int fy = sy & 0xFF;
      for (int ox = 0; ox < outWidth; ox++) {
        int sx = Math.max(0, ((2 * ox + 1) * 256 / (2 * scale)) - 128);
        int x0 = Math.min(sx >> 8, width - 1);
        int x1 = Math.min(x0 + 1, width - 1);
        int fx = sx & 0xFF;
        int top = (grey[y0 * width + x0] & 0xFF) * (256 - fx) + (grey[y0 * width + x1] & 0xFF) * fx;
        int bottom =
            (grey[y1 * width + x0] & 0xFF) * (256 - fx) + (grey[y1 * width + x1] & 0xFF) * fx;
        out[oy * outWidth + ox] = (byte) ((top * (256 - fy) + bottom * fy) >> 16);
      }
    }
    return out;
  }
}

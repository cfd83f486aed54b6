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

  private TextImages() {}

  /**
   * The area {@code rect} of frame pixels (one int per pixel, XRGB, rows {@code strideBytes}
   * apart), prepared.
   */
  public static GreyImage prepare(MemorySegment pixels, int strideBytes, Rect rect) {
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
        int p = row[x];
        int luma = (((p >> 16) & 0xFF) * 77 + ((p >> 8) & 0xFF) * 150 + (p & 0xFF) * 29) >> 8;
        grey[y * width + x] = (byte) luma;
        sum += luma;
      }
    }
    if (sum < 128L * width * height) {
      for (int i = 0; i < grey.length; i++) {
        grey[i] = (byte) (255 - (grey[i] & 0xFF));
      }
    }
    int scale = scaleFor(width, height);
    return new GreyImage(
        scale == 1 ? grey : upscale(grey, width, height, scale),
        width * scale,
        height * scale,
        scale,
        rect.x(),
        rect.y());
  }

  static int scaleFor(int width, int height) {
    long pixels = (long) width * height;
    for (int scale = 3; scale > 1; scale--) {
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

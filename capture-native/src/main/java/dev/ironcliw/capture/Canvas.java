package dev.ironcliw.capture;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Draws filled rectangles and bitmap text into B,G,R,X pixel rows; clips to the frame. */
final class Canvas {
  private static final ValueLayout.OfInt PIXEL = ValueLayout.JAVA_INT_UNALIGNED;

  private final MemorySegment pixels;
  private final int width;
  private final int height;
  private final int strideBytes;

  Canvas(MemorySegment pixels, int width, int height, int strideBytes) {
    this.pixels = pixels;
    this.width = width;
    this.height = height;
    this.strideBytes = strideBytes;
  }

  /** {@code rgb} is 0xRRGGBB; stored little-endian as B,G,R,0. */
  void fillRect(int x, int y, int w, int h, int rgb) {
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = Math.min(width, x + w);
    int y1 = Math.min(height, y + h);
    if (x0 >= x1 || y0 >= y1) {
      return;
    }
    long firstRow = (long) y0 * strideBytes + (long) x0 * 4;
    for (int px = x0; px < x1; px++) {
      pixels.set(PIXEL, firstRow + (long) (px - x0) * 4, rgb & 0xFFFFFF);
    }
    long rowBytes = (long) (x1 - x0) * 4;
    for (int row = y0 + 1; row < y1; row++) {
      MemorySegment.copy(pixels, firstRow, pixels, (long) row * strideBytes + x0 * 4L, rowBytes);
    }
  }

  /** Draws {@code text} with its top-left at (x, y), each font pixel {@code scale} wide. */
  void drawText(int x, int y, String text, int scale, int rgb) {
    int advance = (BitmapFont.GLYPH_WIDTH + 1) * scale;
    for (int i = 0; i < text.length(); i++) {
      int[] glyph = BitmapFont.glyph(text.charAt(i));
      for (int row = 0; row < BitmapFont.GLYPH_HEIGHT; row++) {
        for (int col = 0; col < BitmapFont.GLYPH_WIDTH; col++) {
          if ((glyph[row] >> (BitmapFont.GLYPH_WIDTH - 1 - col) & 1) != 0) {
            fillRect(x + i * advance + col * scale, y + row * scale, scale, scale, rgb);
          }
        }
      }
    }
  }

  static int textWidth(String text, int scale) {
    return text.length() * (BitmapFont.GLYPH_WIDTH + 1) * scale;
  }
}

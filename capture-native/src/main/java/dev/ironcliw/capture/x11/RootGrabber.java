package dev.ironcliw.capture.x11;

import com.sun.jna.Pointer;
import dev.ironcliw.capture.x11.layout.XImageLayout;

/**
 * Reads the root window into memory the capture can crop from: all of it, or (where the grabber
 * keeps one image) only rows that changed. Used by the capture thread.
 */
interface RootGrabber extends AutoCloseable {
  /** Grabs the root now; returns the address of its first pixel row. */
  Pointer grab();

  /**
   * Reads rows [{@code firstRow}, {@code firstRow + rows}) of the root again into the last grab's
   * memory, leaving the other rows as they were.
   *
   * @return false when this grabber cannot (each of its grabs is a new image): grab the whole root
   */
  default boolean grabRows(int firstRow, int rows) {
    return false;
  }

  /** Bytes from one row of the last grab to the next. */
  int bytesPerLine();

  /** {@code shm} or {@code getimage}, for status. */
  String method();

  @Override
  void close();

  /** Checks an XImage holds 32-bit little-endian B,G,R,X pixels, the ring's format. */
  static void requireBgrx(Pointer image) {
    int bpp = image.getInt(XImageLayout.BITS_PER_PIXEL);
    int depth = image.getInt(XImageLayout.DEPTH);
    long red = image.getLong(XImageLayout.RED_MASK);
    long green = image.getLong(XImageLayout.GREEN_MASK);
    long blue = image.getLong(XImageLayout.BLUE_MASK);
    if (bpp != 32
        || image.getInt(XImageLayout.BYTE_ORDER) != XImageLayout.LSB_FIRST
        || red != 0xFF0000
        || green != 0xFF00
        || blue != 0xFF) {
      throw new X11Exception(
          "unsupported X visual: depth "
              + depth
              + ", "
              + bpp
              + " bits per pixel, masks "
              + Long.toHexString(red)
              + "/"
              + Long.toHexString(green)
              + "/"
              + Long.toHexString(blue)
              + " (need 24 or 32-bit TrueColor, B,G,R,X in memory)");
    }
  }
}

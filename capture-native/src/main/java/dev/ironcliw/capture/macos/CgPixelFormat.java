package dev.ironcliw.capture.macos;

/**
 * The byte order of a CGImage's 32-bit pixels, from its CGBitmapInfo, and how to turn a pixel into
 * the ring's B,G,R,X. CGDisplayCreateImage usually gives B,G,R,A (32-bit little-endian, alpha
 * first); the others are handled so an unusual display format still comes out right.
 */
enum CgPixelFormat {
  /** Memory B,G,R,A: little-endian with alpha (or skip) first. The ring's format already. */
  BGRA,
  /** Memory A,R,G,B: big-endian (or default order) with alpha first. */
  ARGB,
  /** Memory R,G,B,A: big-endian (or default order) with alpha last. */
  RGBA,
  /** Memory A,B,G,R: little-endian with alpha last. */
  ABGR;

  static final int ALPHA_INFO_MASK = 0x1F;
  static final int BYTE_ORDER_MASK = 0x7000;
  static final int BYTE_ORDER_32_LITTLE = 2 << 12;
  static final int ALPHA_PREMULTIPLIED_LAST = 1;
  static final int ALPHA_PREMULTIPLIED_FIRST = 2;
  static final int ALPHA_LAST = 3;
  static final int ALPHA_FIRST = 4;
  static final int ALPHA_NONE_SKIP_LAST = 5;
  static final int ALPHA_NONE_SKIP_FIRST = 6;

  /**
   * @throws IllegalArgumentException for anything but 32 bits per pixel with 8-bit channels
   */
  static CgPixelFormat of(int bitmapInfo, int bitsPerPixel, int bitsPerComponent) {
    if (bitsPerPixel != 32 || bitsPerComponent != 8) {
      throw new IllegalArgumentException(
          "unsupported CGImage pixels: "
              + bitsPerPixel
              + " bits per pixel, "
              + bitsPerComponent
              + " per component (need 32 and 8)");
    }
    int alpha = bitmapInfo & ALPHA_INFO_MASK;
    boolean alphaFirst =
        alpha == ALPHA_PREMULTIPLIED_FIRST
            || alpha == ALPHA_FIRST
            || alpha == ALPHA_NONE_SKIP_FIRST;
    boolean little = (bitmapInfo & BYTE_ORDER_MASK) == BYTE_ORDER_32_LITTLE;
    if (little) {
      return alphaFirst ? BGRA : ABGR;
    }
    return alphaFirst ? ARGB : RGBA;
  }

  /** The pixel read as a little-endian int, rearranged to the ring's little-endian B,G,R,X int. */
  int toBgrx(int littleEndianPixel) {
    int b0 = littleEndianPixel & 0xFF;
    int b1 = littleEndianPixel >>> 8 & 0xFF;
    int b2 = littleEndianPixel >>> 16 & 0xFF;
    int b3 = littleEndianPixel >>> 24;
    return switch (this) {
      case BGRA -> littleEndianPixel;
      case ARGB -> b3 | b2 << 8 | b1 << 16 | b0 << 24; // memory A,R,G,B -> B,G,R,A
      case RGBA -> b2 | b1 << 8 | b0 << 16 | b3 << 24; // memory R,G,B,A -> B,G,R,A
      case ABGR -> b1 | b2 << 8 | b3 << 16 | b0 << 24; // memory A,B,G,R -> B,G,R,A
    };
  }
}

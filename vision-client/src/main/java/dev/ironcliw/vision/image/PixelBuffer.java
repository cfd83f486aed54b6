package dev.ironcliw.vision.image;

/**
 * A pixel array used again for every image of the same size, for a thread that encodes each image
 * and lets it go before it makes the next (the keyframe writer): a 1280x720 keyframe's pixels are
 * 3.7 MB that would otherwise be allocated for every keyframe. One thread's.
 */
public final class PixelBuffer {
  private int[] pixels = new int[0];

  /** An array of exactly {@code length} pixels: the last one when it had that length. */
  int[] take(int length) {
    if (pixels.length != length) {
      pixels = new int[length];
    }
    return pixels;
  }
}

package dev.ironcliw.vision.image;

import dev.ironcliw.ring.Rect;

/**
 * Pixels copied out of the frame ring for the vision stage, already downscaled: the ring may
 * overwrite the frame long before its batch is sent.
 *
 * @param source the rectangle of the frame these pixels show
 * @param frameWidth width of the whole frame
 * @param frameHeight height of the whole frame
 * @param width pixels per row after downscaling
 * @param height rows after downscaling
 * @param rgb {@code width * height} pixels as {@code 0x00RRGGBB}, row by row
 * @param context true for the downscaled whole frame sent with a large change
 */
public record FrameCrop(
    Rect source,
    int frameWidth,
    int frameHeight,
    int width,
    int height,
    int[] rgb,
    boolean context) {
  public FrameCrop {
    if (rgb.length != width * height) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " crop needs " + width * height + " pixels: " + rgb.length);
    }
  }

  /** Heap bytes the pixels take while queued. */
  public long pixelBytes() {
    return 4L * rgb.length;
  }
}

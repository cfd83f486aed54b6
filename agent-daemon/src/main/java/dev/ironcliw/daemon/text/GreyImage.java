package dev.ironcliw.daemon.text;

/**
 * An 8-bit grey image, rows top to bottom without padding, ready for a text engine: dark text on a
 * light ground.
 *
 * @param pixels {@code width * height} bytes
 * @param scale how many of its pixels make one pixel of the frame, on each axis
 * @param originX where its left edge is in the frame
 * @param originY where its top edge is in the frame
 */
public record GreyImage(byte[] pixels, int width, int height, int scale, int originX, int originY) {
  public GreyImage {
    if (pixels.length != width * height) {
      throw new IllegalArgumentException(
          pixels.length + " bytes for " + width + "x" + height + " pixels");
    }
  }
}

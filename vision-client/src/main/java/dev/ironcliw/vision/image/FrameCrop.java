package dev.ironcliw.vision.image;

import dev.ironcliw.ring.Rect;
import java.util.Arrays;
import java.util.List;

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

  /**
   * How far past a secret's box the mask reaches, in frame pixels: a word's box is drawn tight
   * round its ink, and anti-aliased edges stray a pixel out.
   */
  static final int MASK_MARGIN_PIXELS = 2;

  /**
   * This crop with every one of {@code secrets} (rectangles of the frame) that it shows painted
   * black, scaled as the crop was; this crop itself when it shows none of them.
   */
  public FrameCrop masked(List<Rect> secrets) {
    int[] painted = null;
    for (Rect secret : secrets) {
      Rect shown = secret.grownBy(MASK_MARGIN_PIXELS).intersect(source);
      if (shown == null) {
        continue;
      }
      // Outwards to whole crop pixels: a crop pixel that shows any of the secret is painted.
      int left = (int) Math.floor((shown.x() - source.x()) * (double) width / source.width());
      int top = (int) Math.floor((shown.y() - source.y()) * (double) height / source.height());
      int right =
          (int)
              Math.ceil((shown.x() + shown.width() - source.x()) * (double) width / source.width());
      int bottom =
          (int)
              Math.ceil(
                  (shown.y() + shown.height() - source.y()) * (double) height / source.height());
      if (painted == null) {
        painted = rgb.clone();
      }
      for (int y = Math.max(0, top); y < Math.min(height, bottom); y++) {
        Arrays.fill(painted, y * width + Math.max(0, left), y * width + Math.min(width, right), 0);
      }
    }
    return painted == null
        ? this
        : new FrameCrop(source, frameWidth, frameHeight, width, height, painted, context);
  }

  /** Heap bytes the pixels take while queued. */
  public long pixelBytes() {
    return 4L * rgb.length;
  }
}

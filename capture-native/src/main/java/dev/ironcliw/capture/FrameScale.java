package dev.ironcliw.capture;

import dev.ironcliw.ring.Rect;

/**
 * How many display pixels make one frame pixel along each side: 1, or 2 where a desktop drawn at 2x
 * is captured at its point size ({@link CaptureResolution#POINTS}).
 *
 * @param displayPixelsPerFramePixel 1 or more
 */
public record FrameScale(int displayPixelsPerFramePixel) {
  public static final FrameScale ONE = new FrameScale(1);

  public FrameScale {
    if (displayPixelsPerFramePixel < 1) {
      throw new IllegalArgumentException(
          "display pixels per frame pixel must be 1 or more: " + displayPixelsPerFramePixel);
    }
  }

  /** Frame pixels along a side of {@code displayPixels}: an odd last one is left out. */
  public int frameSize(int displayPixels) {
    return displayPixels / displayPixelsPerFramePixel;
  }

  /**
   * A rectangle of display pixels in frame pixels: divided outwards, and cut to the frame of a
   * {@code displayWidth} x {@code displayHeight} display; may be empty where it only covered a left
   * out last column or row.
   */
  public Rect toFrame(Rect display, int displayWidth, int displayHeight) {
    int s = displayPixelsPerFramePixel;
    if (s == 1) {
      return display;
    }
    int x = display.x() / s;
    int y = display.y() / s;
    return new Rect(
        x,
        y,
        Math.max(0, Math.min((display.x() + display.width() + s - 1) / s, displayWidth / s) - x),
        Math.max(0, Math.min((display.y() + display.height() + s - 1) / s, displayHeight / s) - y));
  }

  /** A rectangle of frame pixels in the display's pixels: the pixels it was made from. */
  public Rect toDisplay(Rect frame) {
    int s = displayPixelsPerFramePixel;
    return s == 1
        ? frame
        : new Rect(frame.x() * s, frame.y() * s, frame.width() * s, frame.height() * s);
  }
}

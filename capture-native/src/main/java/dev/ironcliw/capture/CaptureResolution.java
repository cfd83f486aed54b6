package dev.ironcliw.capture;

import java.util.Locale;

/** How finely a live screen is captured: {@code capture.resolution}. */
public enum CaptureResolution {
  /**
   * One frame pixel per point of a HiDPI desktop: a desktop drawn at 2x or more (a Retina display,
   * an X11 desktop with Xft.dpi of 168 or more) is captured at half its pixel width and height.
   * Elsewhere the same as {@link #PIXELS}.
   */
  POINTS,

  /** Every pixel the display has. */
  PIXELS;

  /** {@code points} or {@code pixels}, as the configuration spells it. */
  public static CaptureResolution of(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }
}

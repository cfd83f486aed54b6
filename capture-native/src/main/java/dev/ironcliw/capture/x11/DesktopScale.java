package dev.ironcliw.capture.x11;

import com.sun.jna.Pointer;
import dev.ironcliw.capture.FrameScale;
import dev.ironcliw.ring.Rect;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many pixels an X11 desktop draws per point: 2 where its Xft.dpi resource (set by GNOME, KDE
 * and xrdb for a scaled desktop, and read by GTK and Qt) is 168 or more, that is 1.75x the 96 of an
 * unscaled one; else 1. A fractional scale below that (1.25x, 1.5x) keeps every pixel: halving it
 * would lose text the user can read. Read once, when the connection opens.
 *
 * @param pixelsPerPoint 1 or 2
 * @param reason what it was read from, for status
 */
record DesktopScale(int pixelsPerPoint, String reason) {
  static final DesktopScale UNSCALED = new DesktopScale(1, "every pixel");

  /** Xft.dpi from which a desktop counts as drawn at 2x. */
  static final double HALVING_DPI = 168;

  private static final Pattern XFT_DPI =
      Pattern.compile("^Xft\\.dpi:\\s*([0-9]+(?:\\.[0-9]+)?)\\s*$", Pattern.MULTILINE);

  static DesktopScale of(X11Connection connection) {
    Pointer resources = Xlib.INSTANCE.XResourceManagerString(connection.display());
    return fromResources(resources == null ? null : resources.getString(0));
  }

  /** The scale a resource database's text (null: none loaded) gives. */
  static DesktopScale fromResources(String resources) {
    if (resources == null) {
      return new DesktopScale(1, "no Xft.dpi resource: 1 pixel a point");
    }
    Matcher m = XFT_DPI.matcher(resources);
    if (!m.find()) {
      return new DesktopScale(1, "no Xft.dpi resource: 1 pixel a point");
    }
    double dpi = Double.parseDouble(m.group(1));
    String dpiText = m.group(1);
    return dpi >= HALVING_DPI
        ? new DesktopScale(2, "Xft.dpi " + dpiText + ": 2 pixels a point, frames at half size")
        : new DesktopScale(1, "Xft.dpi " + dpiText + ": 1 pixel a point");
  }

  /** A rectangle of root pixels in frame pixels (see {@link FrameScale#toFrame}). */
  Rect toFrame(Rect root, int rootWidth, int rootHeight) {
    return new FrameScale(pixelsPerPoint).toFrame(root, rootWidth, rootHeight);
  }
}

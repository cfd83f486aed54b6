package dev.ironcliw.capture;

import dev.ironcliw.ring.Rect;
import java.util.List;

/**
 * A window on a display and where it is.
 *
 * @param area the window's rectangle, frame included, in the pixels of the display's frames (the
 *     part of it on that display)
 * @param window its application and title as far as the privacy rules let them be known
 */
public record LocatedWindow(Rect area, FocusedWindow window) {
  /**
   * The window at a point of the frame: the first of {@code topmostFirst} whose area holds it, or
   * null where none does (the desktop).
   */
  public static FocusedWindow at(List<LocatedWindow> topmostFirst, int x, int y) {
    int i = indexAt(topmostFirst, x, y);
    return i < 0 ? null : topmostFirst.get(i).window();
  }

  /** The index of the first of {@code topmostFirst} whose area holds the point, or -1. */
  public static int indexAt(List<LocatedWindow> topmostFirst, int x, int y) {
    for (int i = 0; i < topmostFirst.size(); i++) {
      Rect a = topmostFirst.get(i).area();
      if (x >= a.x() && x < a.x() + a.width() && y >= a.y() && y < a.y() + a.height()) {
        return i;
      }
    }
    return -1;
  }
}

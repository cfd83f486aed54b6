package dev.ironcliw.capture;

import dev.ironcliw.ring.Rect;
import java.util.List;

/**
 * The text of an area of a display as the focused window's accessibility interface gives it:
 * cheaper than recognizing it in the pixels, and the words exact. Asked by the text thread. Where
 * it cannot answer, the pixels are read instead.
 */
public interface AccessibleText extends AutoCloseable {
  /** Never answers: a platform or source without it. */
  AccessibleText NONE =
      new AccessibleText() {
        @Override
        public List<AccessibleLine> linesIn(int display, Rect area) {
          return null;
        }

        @Override
        public String state() {
          return "not on this platform";
        }
      };

  /**
   * The lines in {@code area} of {@code display} (frame pixels), in the window's order; null when
   * they cannot be had this way: no permission, the area is not all inside the focused window, or
   * another window lies over it, the rules exclude the window, or it gives no text there.
   */
  List<AccessibleLine> linesIn(int display, Rect area);

  /** For status and the start line: {@code on}, or why not. */
  String state();

  @Override
  default void close() {}
}

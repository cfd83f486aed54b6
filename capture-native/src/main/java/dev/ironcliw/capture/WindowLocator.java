package dev.ironcliw.capture;

import java.util.List;

/**
 * Which windows are where on the screen now, asked by a thread other than the capture thread (the
 * text reader, to file text under the window it lies in rather than the focused one). A source that
 * cannot tell answers nothing.
 */
public interface WindowLocator extends AutoCloseable {
  /** Knows no windows: a recording, a synthetic desktop. */
  WindowLocator NONE = display -> List.of();

  /**
   * The windows on {@code display} now, topmost first; empty when they cannot be known (the display
   * server is gone, say). Each call asks the display server anew.
   */
  List<LocatedWindow> windowsOn(int display);

  @Override
  default void close() {}
}

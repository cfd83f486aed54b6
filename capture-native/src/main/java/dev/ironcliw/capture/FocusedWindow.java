package dev.ironcliw.capture;

/**
 * The window that had the input focus at a grab: its application and title, as far as the privacy
 * rules let them be known. A window the rules exclude is only {@link #excluded}: neither its
 * application nor its title leaves the capture.
 *
 * @param app the application: the class of WM_CLASS on X11 (e.g. {@code XTerm}), the name on macOS;
 *     empty when unknown or excluded
 * @param title the window's title; empty when unknown or excluded
 * @param display the display the window is on (its centre), -1 when unknown
 * @param excluded whether the privacy rules exclude the window
 */
public record FocusedWindow(String app, String title, int display, boolean excluded) {
  /** The source does not know which window has the focus. */
  public static final FocusedWindow UNKNOWN = new FocusedWindow("", "", -1, false);

  public FocusedWindow {
    if (excluded && (!app.isEmpty() || !title.isEmpty())) {
      throw new IllegalArgumentException("an excluded window has no app or title");
    }
  }

  /** An excluded window on {@code display}. */
  public static FocusedWindow excludedOn(int display) {
    return new FocusedWindow("", "", display, true);
  }
}

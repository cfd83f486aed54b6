package dev.ironcliw.daemon.journal.record;

/**
 * The window some text lay in, as far as the privacy rules let it be named.
 *
 * @param app its application (WM_CLASS's class on X11), empty when it has none or is excluded
 * @param title its title, empty when it has none or is excluded
 */
public record WindowName(String app, String title) {
  /** No window that can be named: the desktop, a window without a name, or an excluded one. */
  public static final WindowName NONE = new WindowName("", "");
}

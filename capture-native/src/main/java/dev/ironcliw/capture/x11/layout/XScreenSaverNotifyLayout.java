package dev.ironcliw.capture.x11.layout;

/**
 * {@code XScreenSaverNotifyEvent} on LP64, read out of an {@link XEventLayout} buffer:
 *
 * <pre>
 *   0 int type   8 ulong serial   16 Bool send_event   24 Display* display   32 Window window
 *  40 Window root   48 int state   52 int kind   56 Bool forced   64 Time time   72 end
 * </pre>
 */
public final class XScreenSaverNotifyLayout {
  public static final int STATE = 48;

  private XScreenSaverNotifyLayout() {}
}

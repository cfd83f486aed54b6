package dev.ironcliw.capture.x11.layout;

/**
 * {@code XScreenSaverInfo} on LP64:
 *
 * <pre>
 *   0 Window window   8 int state   12 int kind   16 ulong til_or_since   24 ulong idle
 *  32 ulong eventMask   40 end
 * </pre>
 */
public final class XScreenSaverInfoLayout {
  public static final int STATE = 8;
  public static final int SIZE = 40;

  private XScreenSaverInfoLayout() {}
}

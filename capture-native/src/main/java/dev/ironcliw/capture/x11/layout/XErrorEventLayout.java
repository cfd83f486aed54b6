package dev.ironcliw.capture.x11.layout;

/**
 * {@code XErrorEvent} on LP64:
 *
 * <pre>
 *   0 int type   8 Display *display   16 XID resourceid   24 ulong serial
 *  32 uchar error_code   33 uchar request_code   34 uchar minor_code
 * </pre>
 */
public final class XErrorEventLayout {
  public static final int RESOURCE_ID = 16;
  public static final int ERROR_CODE = 32;
  public static final int REQUEST_CODE = 33;

  private XErrorEventLayout() {}
}

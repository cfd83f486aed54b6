package dev.ironcliw.capture.x11.layout;

/**
 * The {@code XEvent} union on LP64, the members the window watch reads. Every event starts with the
 * same header; the window an event is about follows it:
 *
 * <pre>
 *   0 int type   8 ulong serial   16 Bool send_event   24 Display *display
 *  XPropertyEvent:  32 Window window   40 Atom atom   48 Time time   56 int state
 *  XCreateWindowEvent:  32 Window parent   40 Window window
 *  XReparentEvent:  32 Window event    40 Window window   48 Window parent
 * </pre>
 *
 * The union is 24 longs, 192 bytes.
 */
public final class XEventLayout {
  public static final int SIZE = 192;
  public static final int TYPE = 0;
  public static final int PROPERTY_WINDOW = 32;
  public static final int PROPERTY_ATOM = 40;
  public static final int CREATED_WINDOW = 40;
  public static final int REPARENTED_WINDOW = 40;

  /** Event types ({@code X.h}). */
  public static final int CREATE_NOTIFY = 16;

  public static final int DESTROY_NOTIFY = 17;
  public static final int UNMAP_NOTIFY = 18;
  public static final int MAP_NOTIFY = 19;
  public static final int REPARENT_NOTIFY = 21;
  public static final int CONFIGURE_NOTIFY = 22;
  public static final int GRAVITY_NOTIFY = 24;
  public static final int CIRCULATE_NOTIFY = 26;
  public static final int PROPERTY_NOTIFY = 28;

  /** Event masks ({@code X.h}). */
  public static final long SUBSTRUCTURE_NOTIFY_MASK = 1L << 19;

  public static final long PROPERTY_CHANGE_MASK = 1L << 22;

  private XEventLayout() {}
}

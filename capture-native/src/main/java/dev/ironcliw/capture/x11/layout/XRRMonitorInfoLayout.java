package dev.ironcliw.capture.x11.layout;

/**
 * {@code XRRMonitorInfo} on LP64, one element of the array XRRGetMonitors returns:
 *
 * <pre>
 *   0 Atom name   8 Bool primary   12 Bool automatic   16 int noutput
 *  20 int x   24 int y   28 int width   32 int height   36 int mwidth   40 int mheight
 *  48 RROutput *outputs   56 end
 * </pre>
 */
public final class XRRMonitorInfoLayout {
  public static final int NAME = 0;
  public static final int PRIMARY = 8;
  public static final int X = 20;
  public static final int Y = 24;
  public static final int WIDTH = 28;
  public static final int HEIGHT = 32;
  public static final int MWIDTH = 36;
  public static final int MHEIGHT = 40;
  public static final int SIZE = 56;

  private XRRMonitorInfoLayout() {}
}

package dev.ironcliw.capture.x11;

/**
 * {@code XRRMonitorInfo} on LP64, one element of the array XRRGetMonitors returns:
 *
 * <pre>
 *   0 Atom name   8 Bool primary   12 Bool automatic   16 int noutput
 *  20 int x   24 int y   28 int width   32 int height   36 int mwidth   40 int mheight
 *  48 RROutput *outputs   56 end
 * </pre>
 */
final class XRRMonitorInfoLayout {
  static final int NAME = 0;
  static final int PRIMARY = 8;
  static final int X = 20;
  static final int Y = 24;
  static final int WIDTH = 28;
  static final int HEIGHT = 32;
  static final int MWIDTH = 36;
  static final int MHEIGHT = 40;
  static final int SIZE = 56;

  private XRRMonitorInfoLayout() {}
}

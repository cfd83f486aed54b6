package dev.ironcliw.capture.x11.layout;

/** {@code XRectangle}: {@code 0 short x, 2 short y, 4 ushort width, 6 ushort height}; 8 bytes. */
public final class XRectangleLayout {
  public static final int X = 0;
  public static final int Y = 2;
  public static final int WIDTH = 4;
  public static final int HEIGHT = 6;
  public static final int SIZE = 8;

  private XRectangleLayout() {}
}

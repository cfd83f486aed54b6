package dev.ironcliw.capture.x11;

/** {@code XRectangle}: {@code 0 short x, 2 short y, 4 ushort width, 6 ushort height}; 8 bytes. */
final class XRectangleLayout {
  static final int X = 0;
  static final int Y = 2;
  static final int WIDTH = 4;
  static final int HEIGHT = 6;
  static final int SIZE = 8;

  private XRectangleLayout() {}
}

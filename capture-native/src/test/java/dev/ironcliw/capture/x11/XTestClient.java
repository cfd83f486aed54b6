package dev.ironcliw.capture.x11;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.ironcliw.capture.x11.layout.XRRMonitorInfoLayout;

/** A second X client for tests: draws the root colour, windows and rectangles with known pixels. */
public final class XTestClient implements AutoCloseable {
  /** The drawing calls tests need, beyond what the capture maps. */
  interface Draw extends Library {
    Draw INSTANCE = Native.load("X11", Draw.class);

    long XCreateSimpleWindow(
        Pointer d,
        long parent,
        int x,
        int y,
        int w,
        int h,
        int border,
        long borderPixel,
        long background);

    int XMapRaised(Pointer d, long w);

    int XUnmapWindow(Pointer d, long w);

    int XMoveWindow(Pointer d, long w, int x, int y);

    int XRaiseWindow(Pointer d, long w);

    int XStoreName(Pointer d, long w, String name);

    int XSetClassHint(Pointer d, long w, Pointer hint);

    int XSetWindowBackground(Pointer d, long w, long pixel);

    int XClearWindow(Pointer d, long w);

    Pointer XCreateGC(Pointer d, long drawable, long mask, Pointer values);

    int XSetForeground(Pointer d, Pointer gc, long pixel);

    int XFillRectangle(Pointer d, long drawable, Pointer gc, int x, int y, int w, int h);

    int XDrawString(Pointer d, long drawable, Pointer gc, int x, int y, String text, int length);

    int XFreeGC(Pointer d, Pointer gc);

    int XChangeProperty(
        Pointer d,
        long w,
        long property,
        long type,
        int format,
        int mode,
        Pointer data,
        int elements);
  }

  private final X11Connection connection;
  private final Pointer gc;

  public XTestClient(String display) {
    connection = X11Connection.open(display);
    gc = Draw.INSTANCE.XCreateGC(connection.display(), connection.root(), 0, null);
  }

  public void rootColour(int rgb) {
    Draw.INSTANCE.XSetWindowBackground(connection.display(), connection.root(), rgb);
    Draw.INSTANCE.XClearWindow(connection.display(), connection.root());
    sync();
  }

  /** A mapped, raised window filled with {@code rgb}, titled and classed as given. */
  public long window(int x, int y, int w, int h, int rgb, String title, String wmClass) {
    long window =
        Draw.INSTANCE.XCreateSimpleWindow(
            connection.display(), connection.root(), x, y, w, h, 0, 0, rgb);
    Draw.INSTANCE.XStoreName(connection.display(), window, title);
    Memory name = new Memory(wmClass.length() + 1L);
    name.setString(0, wmClass);
    Memory hint = new Memory(16);
    hint.setPointer(0, name);
    hint.setPointer(8, name);
    Draw.INSTANCE.XSetClassHint(connection.display(), window, hint);
    Draw.INSTANCE.XMapRaised(connection.display(), window);
    sync();
    return window;
  }

  /** Says {@code window} is active, as an EWMH window manager does (_NET_ACTIVE_WINDOW). */
  public void activate(long window) {
    Memory value = new Memory(Long.BYTES); // format 32 items are C longs
    value.setLong(0, window);
    long atom = Xlib.INSTANCE.XInternAtom(connection.display(), "_NET_ACTIVE_WINDOW", 0);
    Draw.INSTANCE.XChangeProperty(
        connection.display(), connection.root(), atom, 33 /* XA_WINDOW */, 32, 0, value, 1);
    sync();
  }

  /** Sets the window's title (WM_NAME) and nothing else: no pixel changes. */
  public void rename(long window, String title) {
    Draw.INSTANCE.XStoreName(connection.display(), window, title);
    sync();
  }

  public void fill(long drawable, int x, int y, int w, int h, int rgb) {
    Draw.INSTANCE.XSetForeground(connection.display(), gc, rgb);
    Draw.INSTANCE.XFillRectangle(connection.display(), drawable, gc, x, y, w, h);
    sync();
  }

  /**
   * Draws {@code text} (ASCII) in the server's default font, {@code fixed}: 6x13 pixels a glyph.
   * ({@code x}, {@code baseline}) is where the first glyph's baseline starts.
   */
  public void text(long drawable, int x, int baseline, String text, int rgb) {
    Draw.INSTANCE.XSetForeground(connection.display(), gc, rgb);
    Draw.INSTANCE.XDrawString(connection.display(), drawable, gc, x, baseline, text, text.length());
    sync();
  }

  public void move(long window, int x, int y) {
    Draw.INSTANCE.XMoveWindow(connection.display(), window, x, y);
    sync();
  }

  public void raise(long window) {
    Draw.INSTANCE.XRaiseWindow(connection.display(), window);
    sync();
  }

  public long root() {
    return connection.root();
  }

  /** RandR 1.5 monitors; they exist while this client stays connected. */
  public void monitor(String name, int x, int y, int w, int h) {
    Pointer m = XRandr.INSTANCE.XRRAllocateMonitor(connection.display(), 0);
    m.setLong(XRRMonitorInfoLayout.NAME, Xlib.INSTANCE.XInternAtom(connection.display(), name, 0));
    m.setInt(XRRMonitorInfoLayout.X, x);
    m.setInt(XRRMonitorInfoLayout.Y, y);
    m.setInt(XRRMonitorInfoLayout.WIDTH, w);
    m.setInt(XRRMonitorInfoLayout.HEIGHT, h);
    m.setInt(XRRMonitorInfoLayout.MWIDTH, w / 4);
    m.setInt(XRRMonitorInfoLayout.MHEIGHT, h / 4);
    XRandr.INSTANCE.XRRSetMonitor(connection.display(), connection.root(), m);
    Xlib.INSTANCE.XFree(m);
    sync();
  }

  public void sync() {
    String error = connection.syncAndTakeError();
    if (error != null) {
      throw new IllegalStateException(error);
    }
  }

  @Override
  public void close() {
    Draw.INSTANCE.XFreeGC(connection.display(), gc);
    connection.close();
  }
}

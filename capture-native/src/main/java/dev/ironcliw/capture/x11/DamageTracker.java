package dev.ironcliw.capture.x11;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.ironcliw.capture.x11.layout.XRectangleLayout;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;

/**
 * XDamage on the root window as a hint: {@link #take()} returns the rectangles damaged since the
 * previous call and clears them. Called before each grab, so a change made while grabbing shows up
 * in the next take as well: a hint can cause an extra grab, never hide a change. Its DamageNotify
 * events are read, and dropped, by {@link WindowEvents}.
 */
final class DamageTracker implements AutoCloseable {
  private final X11Connection connection;
  private final long damage;
  private final long parts;

  private DamageTracker(X11Connection connection, long damage, long parts) {
    this.connection = connection;
    this.damage = damage;
    this.parts = parts;
  }

  /** A tracker, or null when the server lacks DAMAGE or XFIXES. */
  static DamageTracker tryCreate(X11Connection c) {
    IntByReference a = new IntByReference();
    IntByReference b = new IntByReference();
    try {
      if (XDamage.INSTANCE.XDamageQueryExtension(c.display(), a, b) == 0
          || XDamage.Fixes.INSTANCE.XFixesQueryExtension(c.display(), a, b) == 0) {
        return null;
      }
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
    XDamage.INSTANCE.XDamageQueryVersion(c.display(), new IntByReference(1), new IntByReference(1));
    XDamage.Fixes.INSTANCE.XFixesQueryVersion(
        c.display(), new IntByReference(5), new IntByReference(0));
    long damage = XDamage.INSTANCE.XDamageCreate(c.display(), c.root(), XDamage.REPORT_NON_EMPTY);
    long parts = XDamage.Fixes.INSTANCE.XFixesCreateRegion(c.display(), null, 0);
    if (c.syncAndTakeError() != null) {
      return null;
    }
    return new DamageTracker(c, damage, parts);
  }

  /** Damaged rectangles in root coordinates since the last call; empty when nothing changed. */
  List<Rect> take() {
    Pointer display = connection.display();
    XDamage.INSTANCE.XDamageSubtract(display, damage, 0, parts);
    IntByReference count = new IntByReference();
    Pointer rects = XDamage.Fixes.INSTANCE.XFixesFetchRegion(display, parts, count);
    List<Rect> damaged = new ArrayList<>(count.getValue());
    if (rects != null) {
      for (int i = 0; i < count.getValue(); i++) {
        long at = (long) i * XRectangleLayout.SIZE;
        damaged.add(
            new Rect(
                rects.getShort(at + XRectangleLayout.X),
                rects.getShort(at + XRectangleLayout.Y),
                rects.getShort(at + XRectangleLayout.WIDTH) & 0xFFFF,
                rects.getShort(at + XRectangleLayout.HEIGHT) & 0xFFFF));
      }
      Xlib.INSTANCE.XFree(rects);
    }
    return damaged;
  }

  @Override
  public void close() {
    XDamage.INSTANCE.XDamageDestroy(connection.display(), damage);
    XDamage.Fixes.INSTANCE.XFixesDestroyRegion(connection.display(), parts);
    connection.syncAndTakeError();
  }
}

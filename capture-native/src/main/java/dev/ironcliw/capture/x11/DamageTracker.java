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
 * in the next take as well: a hint can cause an extra grab, never hide a change.
 *
 * <p>The damage object reports when its region goes from empty to not: {@link WindowEvents} hands
 * those DamageNotify events to {@link #notified}, and a take with none since the last costs no
 * round trip to the server (an idle daemon fetched an empty region ten times a second). A damage
 * whose event is still on its way when a tick reads the events is taken at the next tick.
 */
final class DamageTracker implements AutoCloseable {
  private final X11Connection connection;
  private final long damage;
  private final long parts;
  private final int notifyType;

  /** A DamageNotify came since the last take (or none was taken yet). */
  private boolean notified = true;

  private DamageTracker(X11Connection connection, long damage, long parts, int notifyType) {
    this.connection = connection;
    this.damage = damage;
    this.parts = parts;
    this.notifyType = notifyType;
  }

  /** A tracker, or null when the server lacks DAMAGE or XFIXES. */
  static DamageTracker tryCreate(X11Connection c) {
    IntByReference damageEvents = new IntByReference();
    IntByReference a = new IntByReference();
    IntByReference b = new IntByReference();
    try {
      if (XDamage.INSTANCE.XDamageQueryExtension(c.display(), damageEvents, b) == 0
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
    return new DamageTracker(c, damage, parts, damageEvents.getValue() + XDamage.NOTIFY);
  }

  /** Damaged rectangles in root coordinates since the last call; empty when nothing changed. */
  List<Rect> take() {
    if (!notified) {
      return List.of();
    }
    notified = false; // before the subtract: damage after it sends a new event
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

  /** Whether {@code eventType} is this extension's DamageNotify. */
  boolean isNotify(int eventType) {
    return eventType == notifyType;
  }

  /** A DamageNotify was read: the next take asks the server. */
  void notified() {
    notified = true;
  }

  @Override
  public void close() {
    XDamage.INSTANCE.XDamageDestroy(connection.display(), damage);
    XDamage.Fixes.INSTANCE.XFixesDestroyRegion(connection.display(), parts);
    connection.syncAndTakeError();
  }
}

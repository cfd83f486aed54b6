package dev.ironcliw.capture.x11;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.ironcliw.capture.x11.layout.XEventLayout;

/**
 * The X events the capture thread reads at the start of each tick. A DamageNotify tells the {@link
 * DamageTracker} to fetch the damaged region at its next take, a ScreenSaverNotify gives the {@link
 * ScreenSaverState} its new state, and property changes of the root and of the focused window go to
 * the {@link FocusTracker}.
 *
 * <p>With exclusion rules it also watches titles: a window renamed into an excluded title changes
 * no pixel, so no damage would make the next grab re-check the exclusions, and the last frame would
 * show it unmasked for as long as the screen stays still. Every window down to the depth where
 * client windows sit under a window manager's frame has PropertyNotify selected, windows made later
 * too (CreateNotify, ReparentNotify); a change of the title or class of a window that the rules now
 * exclude tells the source to grab every display again, masked.
 *
 * <p>Any change that could move what the rules hide (a window made, destroyed, mapped, unmapped,
 * moved, resized, restacked or reparented, or a title or class changed) is remembered until {@link
 * #takeWindowsChanged}: the source trusts its last walk of the windows only while none came.
 */
final class WindowEvents {
  private final X11Connection connection;
  private final WindowExclusions exclusions;
  private final FocusTracker focus;
  private final DamageTracker damage;
  private final ScreenSaverState screenSaver;
  private final Memory event = new Memory(XEventLayout.SIZE);
  private boolean windowsChanged = true;

  /**
   * @param damage the damage hints, or null without them
   */
  WindowEvents(
      X11Connection connection,
      WindowExclusions exclusions,
      FocusTracker focus,
      DamageTracker damage,
      ScreenSaverState screenSaver) {
    this.connection = connection;
    this.exclusions = exclusions;
    this.focus = focus;
    this.damage = damage;
    this.screenSaver = screenSaver;
    Pointer d = connection.display();
    Xlib.INSTANCE.XSelectInput(
        d,
        connection.root(),
        XEventLayout.PROPERTY_CHANGE_MASK
            | (exclusions.isEmpty() ? 0 : XEventLayout.SUBSTRUCTURE_NOTIFY_MASK));
    if (!exclusions.isEmpty()) {
      for (long topLevel : exclusions.properties().children(connection.root())) {
        watch(topLevel, WindowExclusions.CLIENT_SEARCH_DEPTH);
      }
      connection.syncAndTakeError(); // a window that went before it was watched
    }
  }

  /**
   * Reads every pending event.
   *
   * @return whether the title or class of a window the rules now exclude changed
   */
  boolean drain() {
    Pointer d = connection.display();
    boolean excludedChanged = false;
    boolean watched = false;
    while (Xlib.INSTANCE.XPending(d) > 0) {
      Xlib.INSTANCE.XNextEvent(d, event);
      int type = event.getInt(XEventLayout.TYPE);
      if (damage != null && damage.isNotify(type)) {
        damage.notified();
        continue;
      }
      if (screenSaver.isNotify(type)) {
        screenSaver.notified(event);
        continue;
      }
      switch (type) {
        case XEventLayout.PROPERTY_NOTIFY -> {
          long window = event.getLong(XEventLayout.PROPERTY_WINDOW);
          long atom = event.getLong(XEventLayout.PROPERTY_ATOM);
          if (window == connection.root()) {
            focus.rootPropertyChanged(atom);
          } else {
            focus.windowPropertyChanged(window, atom);
            if (!exclusions.isEmpty() && exclusions.properties().isClassOrTitle(atom)) {
              windowsChanged = true;
              excludedChanged |= exclusions.isExcludedWindow(window);
            }
          }
        }
        case XEventLayout.DESTROY_NOTIFY,
            XEventLayout.UNMAP_NOTIFY,
            XEventLayout.MAP_NOTIFY,
            XEventLayout.CONFIGURE_NOTIFY,
            XEventLayout.GRAVITY_NOTIFY,
            XEventLayout.CIRCULATE_NOTIFY ->
            windowsChanged = true;
        case XEventLayout.CREATE_NOTIFY -> {
          windowsChanged = true;
          if (!exclusions.isEmpty()) {
            watch(event.getLong(XEventLayout.CREATED_WINDOW), WindowExclusions.CLIENT_SEARCH_DEPTH);
            watched = true;
          }
        }
        case XEventLayout.REPARENT_NOTIFY -> {
          windowsChanged = true;
          if (!exclusions.isEmpty()) {
            watch(
                event.getLong(XEventLayout.REPARENTED_WINDOW),
                WindowExclusions.CLIENT_SEARCH_DEPTH - 1);
            watched = true;
          }
        }
        default -> {
          // nothing to do
        }
      }
    }
    if (watched) {
      connection.syncAndTakeError(); // a window that went before it was watched
    }
    return excludedChanged;
  }

  /**
   * Whether a window changed in a way that could move what the rules hide since the last call (true
   * at the first); clears it.
   */
  boolean takeWindowsChanged() {
    boolean changed = windowsChanged;
    windowsChanged = false;
    return changed;
  }

  /** Selects title changes on {@code window}, and new children on it and its subtree. */
  private void watch(long window, int depth) {
    long mask =
        XEventLayout.PROPERTY_CHANGE_MASK | (depth > 0 ? XEventLayout.SUBSTRUCTURE_NOTIFY_MASK : 0);
    Xlib.INSTANCE.XSelectInput(connection.display(), window, mask);
    if (depth > 0) {
      for (long child : exclusions.properties().children(window)) {
        watch(child, depth - 1);
      }
    }
  }
}

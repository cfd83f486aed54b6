package dev.ironcliw.capture.x11;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.x11.layout.XEventLayout;
import dev.ironcliw.capture.x11.layout.XWindowAttributesLayout;
import dev.ironcliw.ring.Rect;
import java.util.List;

/**
 * Which window has the focus, by the window manager's {@code _NET_ACTIVE_WINDOW} on the root
 * (EWMH), and its application (the class of WM_CLASS) and title. Read again only when an event says
 * it changed ({@link WindowEvents}: PropertyNotify of the root's active window, or of the active
 * window's class or title), so a grab costs no round trip. A window the privacy rules exclude is
 * only known as excluded. Without an EWMH window manager nothing sets the property, and the focus
 * is unknown. Used by the capture thread.
 */
final class FocusTracker {
  private final X11Connection connection;
  private final WindowExclusions exclusions;
  private final WindowProperties properties;
  private final List<MonitorLayout.Monitor> monitors;
  private final long netActiveWindow;
  private final Memory attributes = new Memory(XWindowAttributesLayout.SIZE);
  private long activeClient;
  private boolean stale = true;
  private FocusedWindow current = FocusedWindow.UNKNOWN;

  FocusTracker(
      X11Connection connection, WindowExclusions exclusions, List<MonitorLayout.Monitor> monitors) {
    this.connection = connection;
    this.exclusions = exclusions;
    this.properties = exclusions.properties();
    this.monitors = monitors;
    this.netActiveWindow = Xlib.INSTANCE.XInternAtom(connection.display(), "_NET_ACTIVE_WINDOW", 0);
  }

  /** A property of the root changed. */
  void rootPropertyChanged(long atom) {
    if (atom == netActiveWindow) {
      stale = true;
    }
  }

  /** A property of {@code window} changed. */
  void windowPropertyChanged(long window, long atom) {
    if (window == activeClient && properties.isClassOrTitle(atom)) {
      stale = true;
    }
  }

  /** The focused window now; reads it from the server only after a change. */
  FocusedWindow current() {
    if (stale) {
      stale = false;
      current = read();
    }
    return current;
  }

  private FocusedWindow read() {
    long active = properties.windowNamedBy(connection.root(), netActiveWindow);
    long client =
        active == 0 ? 0 : properties.clientOf(active, WindowExclusions.CLIENT_SEARCH_DEPTH);
    if (client != activeClient && client != 0) {
      // Follow its class and title from now on (its children too, as the window watch does).
      Xlib.INSTANCE.XSelectInput(
          connection.display(),
          client,
          XEventLayout.PROPERTY_CHANGE_MASK | XEventLayout.SUBSTRUCTURE_NOTIFY_MASK);
    }
    activeClient = client;
    if (client == 0) {
      connection.syncAndTakeError(); // the active window may have gone meanwhile
      return FocusedWindow.UNKNOWN;
    }
    int display = displayOf(client);
    if (exclusions.isExcludedWindow(client)) {
      return FocusedWindow.excludedOn(display);
    }
    String title = properties.title(client);
    FocusedWindow focused =
        new FocusedWindow(
            WindowProperties.appOf(properties.wmClass(client)),
            title == null ? "" : title,
            display,
            false);
    connection.syncAndTakeError();
    return focused;
  }

  /** The monitor holding the window's centre, -1 when none does. */
  private int displayOf(long window) {
    attributes.clear();
    if (!connection.windowAttributes(window, attributes)) {
      return -1;
    }
    IntByReference x = new IntByReference();
    IntByReference y = new IntByReference();
    Xlib.INSTANCE.XTranslateCoordinates(
        connection.display(), window, connection.root(), 0, 0, x, y, new long[1]);
    int centreX = x.getValue() + attributes.getInt(XWindowAttributesLayout.WIDTH) / 2;
    int centreY = y.getValue() + attributes.getInt(XWindowAttributesLayout.HEIGHT) / 2;
    for (int i = 0; i < monitors.size(); i++) {
      if (monitors.get(i).area().intersect(new Rect(centreX, centreY, 1, 1)) != null) {
        return i;
      }
    }
    return -1;
  }
}

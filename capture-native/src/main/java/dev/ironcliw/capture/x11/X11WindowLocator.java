package dev.ironcliw.capture.x11;

import dev.ironcliw.capture.CaptureResolution;
import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.LocatedWindow;
import dev.ironcliw.capture.WindowLocator;
import dev.ironcliw.ring.Rect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The top-level windows of an X screen and where they are, on a connection of its own, so the
 * thread that asks never touches the capture thread's (libX11 1.8 and later lock each connection;
 * this one is only used by its caller anyway). Each answer is the stacking order of the root's
 * children, each viewable one's rectangle, and the class and title of its client window (under a
 * window manager's frame), named as the privacy rules allow: a window they exclude is only known as
 * excluded. About three round trips a window. The displays are the capture's (the same monitor
 * selection). When the server goes away the connection is dropped and opened again at a later call,
 * no sooner than {@link #RETRY}.
 */
public final class X11WindowLocator implements WindowLocator {
  private static final Logger LOG = LoggerFactory.getLogger(X11WindowLocator.class);
  static final Duration RETRY = Duration.ofSeconds(5);

  private final String displayName;
  private final List<String> displaySelection;
  private final List<String> excludeApps;
  private final List<String> excludeTitles;
  private final CaptureResolution resolution;
  private X11Connection connection;
  private DesktopScale scale = DesktopScale.UNSCALED;
  private WindowExclusions exclusions;
  private List<MonitorLayout.Monitor> monitors = List.of();
  private long nextOpenNanos = System.nanoTime();

  /**
   * A locator that connects at its first call.
   *
   * @param displayName the X display (null: $DISPLAY)
   * @param displaySelection the capture's monitor selection, so display numbers agree
   * @param excludeApps the privacy rules' WM_CLASS names
   * @param excludeTitles the privacy rules' title patterns
   * @param resolution the capture's, so areas are in its frames' pixels
   */
  public X11WindowLocator(
      String displayName,
      List<String> displaySelection,
      List<String> excludeApps,
      List<String> excludeTitles,
      CaptureResolution resolution) {
    this.resolution = resolution;
    this.displayName = displayName;
    this.displaySelection = List.copyOf(displaySelection);
    this.excludeApps = List.copyOf(excludeApps);
    this.excludeTitles = List.copyOf(excludeTitles);
  }

  @Override
  public synchronized List<LocatedWindow> windowsOn(int display) {
    if (!connected() || display < 0 || display >= monitors.size()) {
      return List.of();
    }
    Rect monitor = monitors.get(display).area();
    Rect monitorFrame = toFrame(monitor);
    WindowProperties properties = exclusions.properties();
    List<Long> stack = properties.children(connection.root());
    List<LocatedWindow> windows = new ArrayList<>();
    for (int i = stack.size() - 1; i >= 0; i--) {
      long topLevel = stack.get(i);
      Rect area = exclusions.viewableArea(topLevel);
      Rect onDisplay = area == null ? null : area.intersect(monitor);
      Rect inFrame = onDisplay == null ? null : toFrame(onDisplay).intersect(monitorFrame);
      if (inFrame != null) {
        windows.add(
            new LocatedWindow(
                inFrame.relativeTo(monitorFrame.x(), monitorFrame.y()),
                nameOf(topLevel, display, properties)));
      }
    }
    connection.syncAndTakeError(); // a window that went meanwhile: its reads came back empty
    if (connection.lost()) {
      disconnect();
      return List.of();
    }
    return windows;
  }

  private Rect toFrame(Rect root) {
    return scale.toFrame(root, connection.width(), connection.height());
  }

  private FocusedWindow nameOf(long topLevel, int display, WindowProperties properties) {
    if (exclusions.isExcluded(topLevel)) {
      return FocusedWindow.excludedOn(display);
    }
    long client = properties.clientOf(topLevel, WindowExclusions.CLIENT_SEARCH_DEPTH);
    if (client == 0) {
      return new FocusedWindow("", "", display, false);
    }
    String title = properties.title(client);
    return new FocusedWindow(
        WindowProperties.appOf(properties.wmClass(client)),
        title == null ? "" : title,
        display,
        false);
  }

  private boolean connected() {
    if (connection != null) {
      return true;
    }
    long now = System.nanoTime();
    if (now - nextOpenNanos < 0) {
      return false;
    }
    nextOpenNanos = now + RETRY.toNanos();
    try {
      connection = X11Connection.open(displayName);
      monitors = MonitorLayout.select(MonitorLayout.query(connection), displaySelection);
      exclusions = new WindowExclusions(connection, excludeApps, excludeTitles);
      scale =
          resolution == CaptureResolution.POINTS
              ? DesktopScale.of(connection)
              : DesktopScale.UNSCALED;
      return true;
    } catch (X11Exception e) {
      LOG.debug("window locator: cannot connect: {}", e.getMessage());
      disconnect();
      return false;
    }
  }

  private void disconnect() {
    if (connection != null) {
      connection.close();
    }
    connection = null;
    exclusions = null;
    monitors = List.of();
  }

  @Override
  public synchronized void close() {
    disconnect();
  }
}

package dev.ironcliw.capture.x11;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.ironcliw.capture.x11.layout.XRRMonitorInfoLayout;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;

/** The RandR monitors of the screen; one "screen" monitor covering the root when there are none. */
final class MonitorLayout {
  /**
   * One monitor.
   *
   * @param name its RandR name, e.g. {@code DP-1}
   * @param area where it is on the root window
   * @param primary the primary monitor
   */
  record Monitor(String name, Rect area, boolean primary) {}

  private MonitorLayout() {}

  static List<Monitor> query(X11Connection c) {
    List<Monitor> monitors = new ArrayList<>();
    try {
      IntByReference a = new IntByReference();
      IntByReference b = new IntByReference();
      if (XRandr.INSTANCE.XRRQueryExtension(c.display(), a, b) != 0) {
        IntByReference count = new IntByReference();
        Pointer infos = XRandr.INSTANCE.XRRGetMonitors(c.display(), c.root(), 1, count);
        if (infos != null) {
          for (int i = 0; i < count.getValue(); i++) {
            Pointer m = infos.share((long) i * XRRMonitorInfoLayout.SIZE);
            Pointer name =
                Xlib.INSTANCE.XGetAtomName(c.display(), m.getLong(XRRMonitorInfoLayout.NAME));
            String text = name == null ? "monitor-" + i : name.getString(0);
            if (name != null) {
              Xlib.INSTANCE.XFree(name);
            }
            Rect area =
                new Rect(
                        m.getInt(XRRMonitorInfoLayout.X),
                        m.getInt(XRRMonitorInfoLayout.Y),
                        m.getInt(XRRMonitorInfoLayout.WIDTH),
                        m.getInt(XRRMonitorInfoLayout.HEIGHT))
                    .intersect(new Rect(0, 0, c.width(), c.height()));
            if (area != null) {
              monitors.add(new Monitor(text, area, m.getInt(XRRMonitorInfoLayout.PRIMARY) != 0));
            }
          }
          XRandr.INSTANCE.XRRFreeMonitors(infos);
        }
      }
    } catch (UnsatisfiedLinkError e) {
      // libXrandr missing: the whole root is one display.
    }
    if (monitors.isEmpty()) {
      monitors.add(new Monitor("screen", new Rect(0, 0, c.width(), c.height()), true));
    }
    return monitors;
  }

  /**
   * The monitors {@code selection} names: {@code [all]}, {@code [primary]} (the first when none is
   * primary), or monitor names.
   *
   * @throws X11Exception naming unknown monitors and the ones there are
   */
  static List<Monitor> select(List<Monitor> monitors, List<String> selection) {
    if (selection.equals(List.of("all"))) {
      return monitors;
    }
    if (selection.equals(List.of("primary"))) {
      return List.of(
          monitors.stream().filter(Monitor::primary).findFirst().orElse(monitors.getFirst()));
    }
    List<Monitor> chosen = new ArrayList<>();
    for (String name : selection) {
      String wanted = name.trim();
      Monitor found =
          monitors.stream()
              .filter(m -> m.name().equals(wanted))
              .findFirst()
              .orElseThrow(
                  () ->
                      new X11Exception(
                          "capture.displays names monitor '"
                              + wanted
                              + "', which this X screen does not have (it has: "
                              + String.join(", ", monitors.stream().map(Monitor::name).toList())
                              + ")"));
      chosen.add(found);
    }
    return chosen;
  }
}

package dev.ironcliw.capture.macos;

import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.FrameScale;
import dev.ironcliw.capture.LocatedWindow;
import dev.ironcliw.capture.WindowLocator;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows on each captured display, front to back, from the window server's list (through the
 * shim), named as the privacy rules allow: a window they exclude is only known as excluded. Has
 * never run: nothing here runs macOS.
 */
final class MacWindowLocator implements WindowLocator {
  private final MacScreenApi api;
  private final List<MacScreenApi.Display> displays;
  private final List<FrameScale> scales;
  private final MacWindowRules rules;

  /**
   * @param scales each display's pixels per frame pixel, so areas are in the frames' pixels
   */
  MacWindowLocator(
      MacScreenApi api,
      List<MacScreenApi.Display> displays,
      List<FrameScale> scales,
      MacWindowRules rules) {
    this.api = api;
    this.displays = List.copyOf(displays);
    this.scales = List.copyOf(scales);
    this.rules = rules;
  }

  @Override
  public List<LocatedWindow> windowsOn(int display) {
    if (display < 0 || display >= displays.size()) {
      return List.of();
    }
    List<LocatedWindow> located = new ArrayList<>();
    MacScreenApi.Display d = displays.get(display);
    for (MacScreenApi.ScreenWindow w : api.windowsOn(d)) {
      Rect area = scales.get(display).toFrame(w.area(), d.pixelWidth(), d.pixelHeight());
      if (area.width() <= 0 || area.height() <= 0) {
        continue;
      }
      located.add(
          new LocatedWindow(
              area,
              rules.excludes(w.app(), w.bundleId(), w.title())
                  ? FocusedWindow.excludedOn(display)
                  : new FocusedWindow(w.app(), w.title(), display, false)));
    }
    return located;
  }
}

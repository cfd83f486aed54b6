package dev.ironcliw.capture.macos;

import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.LocatedWindow;
import dev.ironcliw.capture.WindowLocator;
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
  private final MacWindowRules rules;

  MacWindowLocator(MacScreenApi api, List<MacScreenApi.Display> displays, MacWindowRules rules) {
    this.api = api;
    this.displays = List.copyOf(displays);
    this.rules = rules;
  }

  @Override
  public List<LocatedWindow> windowsOn(int display) {
    if (display < 0 || display >= displays.size()) {
      return List.of();
    }
    List<LocatedWindow> located = new ArrayList<>();
    for (MacScreenApi.ScreenWindow w : api.windowsOn(displays.get(display))) {
      located.add(
          new LocatedWindow(
              w.area(),
              rules.excludes(w.app(), w.bundleId(), w.title())
                  ? FocusedWindow.excludedOn(display)
                  : new FocusedWindow(w.app(), w.title(), display, false)));
    }
    return located;
  }
}

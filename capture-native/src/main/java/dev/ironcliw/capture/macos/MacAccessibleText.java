package dev.ironcliw.capture.macos;

import dev.ironcliw.capture.AccessibleLine;
import dev.ironcliw.capture.AccessibleText;
import dev.ironcliw.ring.Rect;
import java.util.List;

/**
 * The focused window's accessibility text for an area, where that is the text a person sees there:
 * the topmost window reaching into the area is the focused one (by the window server's list), it
 * holds all of the area, and the privacy rules do not exclude it. Anything else (another window
 * over part of the area, no permission, an app that gives no text) is left to the pixels. Has never
 * run: nothing here runs macOS.
 */
final class MacAccessibleText implements AccessibleText {
  private final MacScreenApi api;
  private final List<MacScreenApi.Display> displays;
  private final MacWindowRules rules;

  MacAccessibleText(MacScreenApi api, List<MacScreenApi.Display> displays, MacWindowRules rules) {
    this.api = api;
    this.displays = List.copyOf(displays);
    this.rules = rules;
  }

  @Override
  public List<AccessibleLine> linesIn(int display, Rect area) {
    if (display < 0 || display >= displays.size() || !api.accessibilityTrusted()) {
      return null;
    }
    MacScreenApi.FrontWindow front = api.frontWindow();
    if (front == null || rules.excludes(front.app(), front.bundleId(), front.title())) {
      return null;
    }
    MacScreenApi.Display d = displays.get(display);
    MacScreenApi.ScreenWindow top =
        api.windowsOn(d).stream()
            .filter(w -> w.area().intersect(area) != null)
            .findFirst()
            .orElse(null);
    if (top == null
        || !top.app().equals(front.app())
        || !top.title().equals(front.title())
        || !area.equals(area.intersect(top.area()))) {
      return null;
    }
    List<AccessibleLine> lines = api.focusedText(d, area);
    return lines == null || lines.isEmpty() ? null : lines;
  }

  @Override
  public String state() {
    return api.accessibilityTrusted()
        ? "on"
        : "off: no Accessibility permission (System Settings > Privacy & Security > Accessibility,"
            + " then restart the daemon)";
  }
}

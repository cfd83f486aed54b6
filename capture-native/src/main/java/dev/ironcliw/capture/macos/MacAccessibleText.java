package dev.ironcliw.capture.macos;

import dev.ironcliw.capture.AccessibleLine;
import dev.ironcliw.capture.AccessibleText;
import dev.ironcliw.capture.FrameScale;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
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
  private final List<FrameScale> scales;
  private final MacWindowRules rules;

  /**
   * @param scales each display's pixels per frame pixel: areas asked about and lines answered are
   *     in the frames' pixels, the shim's in the display's
   */
  MacAccessibleText(
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
  public List<AccessibleLine> linesIn(int display, Rect area) {
    if (display < 0 || display >= displays.size() || !api.accessibilityTrusted()) {
      return null;
    }
    MacScreenApi.FrontWindow front = api.frontWindow();
    if (front == null || rules.excludes(front.app(), front.bundleId(), front.title())) {
      return null;
    }
    MacScreenApi.Display d = displays.get(display);
    FrameScale scale = scales.get(display);
    Rect onDisplay = scale.toDisplay(area);
    MacScreenApi.ScreenWindow top =
        api.windowsOn(d).stream()
            .filter(w -> w.area().intersect(onDisplay) != null)
            .findFirst()
            .orElse(null);
    if (top == null
        || !top.app().equals(front.app())
        || !top.title().equals(front.title())
        || !onDisplay.equals(onDisplay.intersect(top.area()))) {
      return null;
    }
    List<AccessibleLine> lines = api.focusedText(d, onDisplay);
    if (lines == null || lines.isEmpty()) {
      return null;
    }
    List<AccessibleLine> inFrame = new ArrayList<>(lines.size());
    for (AccessibleLine line : lines) {
      inFrame.add(
          new AccessibleLine(
              line.element(),
              scale.toFrame(line.box(), d.pixelWidth(), d.pixelHeight()),
              line.text()));
    }
    return inFrame;
  }

  @Override
  public String state() {
    return api.accessibilityTrusted()
        ? "on"
        : "off: no Accessibility permission (System Settings > Privacy & Security > Accessibility,"
            + " then restart the daemon)";
  }
}

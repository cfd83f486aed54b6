package dev.ironcliw.capture.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.LocatedWindow;
import dev.ironcliw.ring.Rect;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 on the scripted macOS: the windows of each captured display as the shim lists them,
 * named as the privacy rules allow, and the shim's lines read back.
 */
class MacWindowLocatorTest {
  @Test
  void shouldNameEachDisplaysWindowsFrontToBackAndOnlyMarkExcludedOnes() {
    FakeMacScreenApi mac = new FakeMacScreenApi();
    mac.windows.put(
        1,
        List.of(
            new MacScreenApi.ScreenWindow(
                new Rect(0, 0, 4, 2), "Safari", "com.apple.Safari", "My bank"),
            new MacScreenApi.ScreenWindow(
                new Rect(2, 1, 6, 3), "1Password 7", "com.agilebits.onepassword7", "Vault"),
            new MacScreenApi.ScreenWindow(
                new Rect(0, 0, 8, 4), "Terminal", "com.apple.Terminal", "zsh")));
    mac.windows.put(
        2, List.of(new MacScreenApi.ScreenWindow(new Rect(0, 0, 4, 2), "Mail", "", "Inbox")));
    MacScreenSource source = mac.source(System::nanoTime, List.of("main", "display-2"));
    try (var locator = source.windowLocator()) {
      assertEquals(
          List.of(
              new LocatedWindow(new Rect(0, 0, 4, 2), FocusedWindow.excludedOn(0)),
              new LocatedWindow(new Rect(2, 1, 6, 3), FocusedWindow.excludedOn(0)),
              new LocatedWindow(
                  new Rect(0, 0, 8, 4), new FocusedWindow("Terminal", "zsh", 0, false))),
          locator.windowsOn(0));
      assertEquals(
          List.of(
              new LocatedWindow(
                  new Rect(0, 0, 4, 2), new FocusedWindow("Mail", "Inbox", 1, false))),
          locator.windowsOn(1));
      assertEquals(List.of(), locator.windowsOn(2));
    }
  }

  @Test
  void shouldReadTheShimsLinesAndLeaveOutOnesItDoesNotWrite() {
    assertEquals(
        List.of(
            new MacScreenApi.ScreenWindow(
                new Rect(0, 50, 1440, 850), "Terminal", "com.apple.Terminal", "zsh — 80×24"),
            new MacScreenApi.ScreenWindow(new Rect(10, 10, 300, 200), "Notes", "", "")),
        ShimWindowLines.parse(
            "0 50 1440 850\tTerminal\tcom.apple.Terminal\tzsh — 80×24\n"
                + "garbage\n"
                + "1 2 3\tNo\tbox\tfour\n"
                + "10 10 300 200\tNotes\t\t\n"));
  }

  @Test
  void shouldPlaceWindowsInTheFramesOfARetinaDisplayCapturedAtItsPoints() {
    FakeMacScreenApi mac = new FakeMacScreenApi();
    mac.displays = List.of(new MacScreenApi.Display(1, "main", 16, 8, 8, 4, true));
    mac.windows.put(
        1, List.of(new MacScreenApi.ScreenWindow(new Rect(3, 2, 8, 5), "Mail", "", "Inbox")));
    MacScreenSource source = mac.source(System::nanoTime, List.of("main"));
    try (var locator = source.windowLocator()) {
      assertEquals(
          List.of(
              new LocatedWindow(
                  new Rect(1, 1, 5, 3), new FocusedWindow("Mail", "Inbox", 0, false))),
          locator.windowsOn(0));
    }
  }
}

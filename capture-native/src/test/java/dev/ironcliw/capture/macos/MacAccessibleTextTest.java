package dev.ironcliw.capture.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.AccessibleLine;
import dev.ironcliw.capture.AccessibleText;
import dev.ironcliw.ring.Rect;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 on the scripted macOS: the focused window's accessibility text stands in for reading the
 * pixels only where it is what a person sees there, and never for a window the rules exclude.
 */
class MacAccessibleTextTest {
  private static final List<AccessibleLine> LINES =
      List.of(
          new AccessibleLine(0, new Rect(10, 20, 300, 16), "Invoice 2291 is overdue"),
          new AccessibleLine(1, new Rect(10, 40, 120, 16), "Pay now"));

  private final FakeMacScreenApi mac = new FakeMacScreenApi();

  private AccessibleText text() {
    mac.focusedText = LINES;
    mac.front = new MacScreenApi.FrontWindow("Mail", "com.apple.mail", "Inbox", 1);
    mac.windows.put(
        1,
        List.of(
            new MacScreenApi.ScreenWindow(
                new Rect(0, 0, 400, 300), "Mail", "com.apple.mail", "Inbox"),
            new MacScreenApi.ScreenWindow(
                new Rect(0, 0, 1440, 900), "Terminal", "com.apple.Terminal", "zsh")));
    MacScreenSource source = mac.source(System::nanoTime, List.of("main", "display-2"));
    return source.accessibleText();
  }

  @Test
  void shouldGiveTheFocusedWindowsLinesForAnAreaItHoldsWhole() {
    AccessibleText text = text();
    assertEquals("on", text.state());
    assertEquals(LINES, text.linesIn(0, new Rect(5, 10, 350, 60)));
    assertEquals(List.of("main Rect[x=5, y=10, width=350, height=60]"), mac.focusedTextAsked);
  }

  @Test
  void shouldLeaveToThePixelsWhatTheFocusedWindowDoesNotShowAlone() {
    AccessibleText text = text();
    assertNull(text.linesIn(0, new Rect(300, 200, 200, 50)), "partly in the terminal behind");
    assertNull(text.linesIn(0, new Rect(500, 500, 50, 50)), "only the terminal");
    mac.windows.put(
        1,
        List.of(
            new MacScreenApi.ScreenWindow(new Rect(100, 100, 50, 50), "Notes", "", "Shopping"),
            new MacScreenApi.ScreenWindow(
                new Rect(0, 0, 400, 300), "Mail", "com.apple.mail", "Inbox")));
    assertNull(text.linesIn(0, new Rect(90, 90, 100, 100)), "another window lies over it");
    assertEquals(LINES, text.linesIn(0, new Rect(0, 0, 90, 90)), "beside that window");
    assertNull(text.linesIn(5, new Rect(0, 0, 90, 90)), "no such display");
    mac.focusedText = List.of();
    assertNull(text.linesIn(0, new Rect(0, 0, 90, 90)), "the window gave no text there");
  }

  @Test
  void shouldNeverAskAnExcludedOrUnpermittedWindow() {
    AccessibleText text = text();
    mac.front = new MacScreenApi.FrontWindow("Safari", "com.apple.Safari", "My bank", 1);
    mac.windows.put(
        1,
        List.of(
            new MacScreenApi.ScreenWindow(
                new Rect(0, 0, 400, 300), "Safari", "com.apple.Safari", "My bank")));
    assertNull(text.linesIn(0, new Rect(5, 10, 350, 60)));
    mac.front = new MacScreenApi.FrontWindow("Mail", "com.apple.mail", "Inbox", 1);
    mac.accessibilityTrusted = false;
    assertNull(text.linesIn(0, new Rect(5, 10, 350, 60)));
    assertTrue(text.state().contains("Privacy & Security > Accessibility"), text.state());
    assertEquals(List.of(), mac.focusedTextAsked);
  }

  @Test
  void shouldReadTheShimsLinesAndLeaveOutOnesItDoesNotWrite() {
    assertEquals(
        List.of(
            new AccessibleLine(0, new Rect(10, 20, 300, 16), "Invoice 2291\tis overdue"),
            new AccessibleLine(3, new Rect(1, 2, 3, 4), "请求失败")),
        ShimAccessibleLines.parse(
            "0 10 20 300 16\tInvoice 2291\tis overdue\n"
                + "no tab here\n"
                + "1 2 3 4\tfour numbers\n"
                + "2 1 1 1 1\t   \n"
                + "3 1 2 3 4\t请求失败\n"));
  }

  /** Issue 24: on a Retina display captured at its points, areas and lines are in frame pixels. */
  @Test
  void shouldAskInTheDisplaysPixelsAndAnswerInTheFramesOnARetinaDisplay() {
    mac.displays =
        List.of(
            new MacScreenApi.Display(1, "main", 2880, 1800, 1440, 900, true),
            new MacScreenApi.Display(2, "display-2", 4, 2, 4, 2, false));
    AccessibleText text = text();
    assertEquals(
        List.of(
            new AccessibleLine(0, new Rect(5, 10, 150, 8), "Invoice 2291 is overdue"),
            new AccessibleLine(1, new Rect(5, 20, 60, 8), "Pay now")),
        text.linesIn(0, new Rect(5, 10, 150, 30)));
    assertEquals(List.of("main Rect[x=10, y=20, width=300, height=60]"), mac.focusedTextAsked);
    assertNull(text.linesIn(0, new Rect(150, 100, 100, 25)), "partly in the terminal behind");
  }
}

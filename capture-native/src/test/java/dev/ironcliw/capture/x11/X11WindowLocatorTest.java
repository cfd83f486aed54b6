package dev.ironcliw.capture.x11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.CaptureResolution;
import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.LocatedWindow;
import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.ring.Rect;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: which window lies where, asked on a connection of the locator's own, against a real
 * Xvfb: stacking order, areas in each display's pixels, names as the privacy rules allow, and no
 * answer (rather than an error) while the X server is gone.
 */
class X11WindowLocatorTest {
  private static final int W = 640;
  private static final int H = 360;

  @Test
  void shouldListTheWindowsTopmostFirstWithTheirAreasAndNamesAndHideExcludedOnes()
      throws Exception {
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display());
        X11WindowLocator locator =
            new X11WindowLocator(
                xvfb.display(),
                List.of("all"),
                List.of("keepassxc"),
                List.of("secret-bank"),
                CaptureResolution.PIXELS)) {
      long term = client.window(10, 10, 200, 100, 0x111111, "bash: ~/src", "XTerm");
      client.window(150, 50, 200, 100, 0x222222, "Notes", "gedit");
      client.window(400, 200, 100, 80, 0x333333, "Secret-Bank Login", "firefox");
      client.window(520, 20, 100, 80, 0x444444, "Passwords", "keepassxc");

      List<LocatedWindow> windows = locator.windowsOn(0);
      assertEquals(
          List.of(
              new LocatedWindow(new Rect(520, 20, 100, 80), FocusedWindow.excludedOn(0)),
              new LocatedWindow(new Rect(400, 200, 100, 80), FocusedWindow.excludedOn(0)),
              new LocatedWindow(
                  new Rect(150, 50, 200, 100), new FocusedWindow("gedit", "Notes", 0, false)),
              new LocatedWindow(
                  new Rect(10, 10, 200, 100), new FocusedWindow("XTerm", "bash: ~/src", 0, false))),
          windows);
      assertEquals("gedit", LocatedWindow.at(windows, 180, 60).app(), "the upper one overlaps");
      assertEquals("XTerm", LocatedWindow.at(windows, 20, 60).app());
      assertNull(LocatedWindow.at(windows, 5, 300), "the desktop");

      client.raise(term);
      client.rename(term, "vim notes.txt");
      assertEquals(
          new FocusedWindow("XTerm", "vim notes.txt", 0, false),
          LocatedWindow.at(locator.windowsOn(0), 180, 60),
          "asked anew each time");
      assertEquals(List.of(), locator.windowsOn(1), "no such display");
    }
  }

  @Test
  void shouldGiveEachMonitorItsWindowsInItsOwnPixels() throws Exception {
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display())) {
      client.monitor("LEFT", 0, 0, W / 2, H);
      client.monitor("RIGHT", W / 2, 0, W / 2, H);
      client.window(W / 2 - 50, 20, 100, 40, 0x111111, "across", "XTerm");
      client.window(W / 2 + 40, 100, 30, 30, 0x222222, "right", "xclock");
      try (X11WindowLocator locator =
          new X11WindowLocator(
              xvfb.display(),
              List.of("LEFT", "RIGHT"),
              List.of(),
              List.of(),
              CaptureResolution.PIXELS)) {
        assertEquals(
            List.of(
                new LocatedWindow(
                    new Rect(W / 2 - 50, 20, 50, 40),
                    new FocusedWindow("XTerm", "across", 0, false))),
            locator.windowsOn(0));
        assertEquals(
            List.of(
                new LocatedWindow(
                    new Rect(40, 100, 30, 30), new FocusedWindow("xclock", "right", 1, false)),
                new LocatedWindow(
                    new Rect(0, 20, 50, 40), new FocusedWindow("XTerm", "across", 1, false))),
            locator.windowsOn(1));
      }
    }
  }

  @Test
  void shouldAnswerNothingWhileTheServerIsGoneAndConnectAgainOnceItIsBack() throws Exception {
    XvfbServer xvfb = XvfbServer.start(W, H);
    try (X11WindowLocator locator =
        new X11WindowLocator(
            xvfb.display(), List.of("all"), List.of(), List.of(), CaptureResolution.PIXELS)) {
      try (XTestClient client = new XTestClient(xvfb.display())) {
        client.window(10, 10, 50, 50, 0x111111, "one", "XTerm");
        assertEquals(1, locator.windowsOn(0).size());
      }
      xvfb.kill();
      assertEquals(List.of(), locator.windowsOn(0));
      assertEquals(List.of(), locator.windowsOn(0), "and it does not try at every call");
      xvfb = xvfb.startAgain();
      try (XTestClient client = new XTestClient(xvfb.display())) {
        client.window(20, 20, 50, 50, 0x111111, "two", "XTerm");
        long deadline = System.nanoTime() + X11WindowLocator.RETRY.toNanos() * 3;
        List<LocatedWindow> windows = List.of();
        while (windows.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(200);
          windows = locator.windowsOn(0);
        }
        assertTrue(!windows.isEmpty(), "connected again");
        assertEquals("two", windows.getFirst().window().title());
      }
    } finally {
      xvfb.close();
    }
  }

  @Test
  void shouldPlaceWindowsInTheHalfSizeFramesOfADesktopDrawnAtTwiceItsPoints() throws Exception {
    XvfbServer.requirePrograms("xrdb");
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display())) {
      xvfb.loadResources("Xft.dpi: 192");
      client.window(10, 11, 200, 101, 0x111111, "bash: ~/src", "XTerm");
      try (X11WindowLocator points =
              new X11WindowLocator(
                  xvfb.display(), List.of("all"), List.of(), List.of(), CaptureResolution.POINTS);
          X11WindowLocator pixels =
              new X11WindowLocator(
                  xvfb.display(), List.of("all"), List.of(), List.of(), CaptureResolution.PIXELS)) {
        assertEquals(new Rect(5, 5, 100, 51), points.windowsOn(0).getFirst().area());
        assertEquals(new Rect(10, 11, 200, 101), pixels.windowsOn(0).getFirst().area());
      }
    }
  }
}

package dev.ironcliw.capture.x11;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironcliw.ring.Rect;
import org.junit.jupiter.api.Test;

class DesktopScaleTest {
  @Test
  void shouldHalveOnlyADesktopDrawnAtAboutTwiceItsPointsOrMore() {
    assertEquals(1, DesktopScale.fromResources(null).pixelsPerPoint());
    assertEquals(1, DesktopScale.fromResources("Xft.antialias:\t1\n").pixelsPerPoint());
    assertEquals(1, DesktopScale.fromResources("Xft.dpi:\t96\n").pixelsPerPoint());
    assertEquals(1, DesktopScale.fromResources("Xft.dpi: 144").pixelsPerPoint());
    assertEquals(1, DesktopScale.fromResources("Xft.dpi: 167.9").pixelsPerPoint());
    assertEquals(
        2,
        DesktopScale.fromResources("Xcursor.size:\t48\nXft.dpi:\t192\nXft.hinting:\t1\n")
            .pixelsPerPoint());
    assertEquals(2, DesktopScale.fromResources("Xft.dpi: 288").pixelsPerPoint());
    assertEquals(
        1,
        DesktopScale.fromResources("MyApp.Xft.dpi: 192\n").pixelsPerPoint(),
        "another program's resource is not the desktop's");
  }

  @Test
  void shouldTakeRectanglesToFramePixelsOutwardsWithinTheHalfImage() {
    DesktopScale halved = DesktopScale.fromResources("Xft.dpi: 192");
    assertEquals(new Rect(5, 5, 3, 2), halved.toFrame(new Rect(11, 10, 4, 3), 101, 51));
    assertEquals(new Rect(49, 24, 1, 1), halved.toFrame(new Rect(98, 48, 3, 3), 101, 51));
    Rect same = new Rect(11, 10, 4, 3);
    assertEquals(same, DesktopScale.UNSCALED.toFrame(same, 101, 51));
  }
}

package dev.ironcliw.capture.x11;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

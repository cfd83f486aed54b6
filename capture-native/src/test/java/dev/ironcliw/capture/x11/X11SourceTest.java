package dev.ironcliw.capture.x11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.Grab;
import dev.ironcliw.capture.Rect;
import dev.ironcliw.capture.XvfbServer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** X11 capture against a real Xvfb server. */
class X11SourceTest {
  private static final int W = 640;
  private static final int H = 360;
  private static final int ROOT = 0x336699;
  private static final int WINDOW = 0xFF8800;
  private static final int BOX = 0x00FF00;

  /** Grabs {@code display} at tick {@code tick}; the pixels as 0xRRGGBB ints, or null. */
  private static int[] frame(X11Source source, int display, long tick, Grab expected) {
    Grab grab = source.grab(display, tick);
    assertEquals(expected, grab);
    if (grab != Grab.FRAME) {
      return null;
    }
    try (Arena arena = Arena.ofConfined()) {
      int w = source.frameWidth();
      int h = source.frameHeight();
      MemorySegment pixels = arena.allocate((long) w * h * 4);
      source.copyFrameTo(pixels, w * 4);
      int[] rgb = pixels.toArray(ValueLayout.JAVA_INT);
      for (int i = 0; i < rgb.length; i++) {
        rgb[i] &= 0xFFFFFF;
      }
      return rgb;
    }
  }

  @Test
  void shouldGrabAKnownSceneExactly() throws Exception {
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display());
        X11Source source = X11Source.open(xvfb.display(), "all", true)) {
      client.rootColour(ROOT);
      long window = client.window(100, 50, 200, 100, WINDOW, "scene", "scene");
      client.fill(window, 10, 10, 20, 10, BOX);
      assertEquals(List.of("screen"), source.displays());
      assertEquals("shm+damage", source.grabMethod());
      int[] rgb = frame(source, 0, 1, Grab.FRAME);
      assertEquals(W, source.frameWidth());
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          boolean inWindow = x >= 100 && x < 300 && y >= 50 && y < 150;
          boolean inBox = x >= 110 && x < 130 && y >= 60 && y < 70;
          int expected = inBox ? BOX : inWindow ? WINDOW : ROOT;
          assertEquals(expected, rgb[y * W + x], "pixel " + x + "," + y);
        }
      }
    }
  }

  @Test
  void shouldGrabTheSameSceneWithXGetImageWhenMitShmIsMissing() throws Exception {
    try (XvfbServer xvfb = XvfbServer.start(W, H, "-extension", "MIT-SHM");
        XTestClient client = new XTestClient(xvfb.display());
        X11Source source = X11Source.open(xvfb.display(), "all", true)) {
      client.rootColour(ROOT);
      client.window(100, 50, 200, 100, WINDOW, "scene", "scene");
      assertEquals("getimage+damage", source.grabMethod());
      int[] rgb = frame(source, 0, 1, Grab.FRAME);
      assertEquals(ROOT, rgb[0]);
      assertEquals(WINDOW, rgb[60 * W + 150]);
    }
  }

  @Test
  void shouldSkipGrabsOnAnIdleScreenAndNeverMissAChange() throws Exception {
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display());
        X11Source hinted = X11Source.open(xvfb.display(), "all", true);
        X11Source full = X11Source.open(xvfb.display(), "all", false)) {
      client.rootColour(ROOT);
      long window = client.window(100, 50, 200, 100, WINDOW, "moving", "moving");
      long tick = 1;
      int[] last = frame(hinted, 0, tick++, Grab.FRAME);
      for (int idle = 0; idle < 5; idle++) {
        assertEquals(Grab.UNCHANGED, hinted.grab(0, tick++), "an idle screen must not be grabbed");
      }
      Random random = new Random(7);
      int skipped = 0;
      for (int change = 0; change < 40; change++) {
        switch (change % 4) {
          case 0 ->
              xvfb.run(
                  "xdotool",
                  "windowmove",
                  Long.toString(window),
                  Integer.toString(random.nextInt(W - 200)),
                  Integer.toString(random.nextInt(H - 100)));
          case 1 ->
              client.fill(
                  window,
                  random.nextInt(190),
                  random.nextInt(90),
                  1 + random.nextInt(10),
                  1 + random.nextInt(10),
                  random.nextInt(0xFFFFFF));
          case 2 ->
              client.fill(
                  client.root(),
                  random.nextInt(W),
                  random.nextInt(H),
                  1,
                  1,
                  random.nextInt(0xFFFFFF));
          default -> {
            /* no change this round */
          }
        }
        Grab grab = hinted.grab(0, tick++);
        if (grab == Grab.FRAME) {
          last = frame(hinted, 0, tick - 1, Grab.FRAME);
          assertFalse(hinted.damage().isEmpty(), "a hinted frame carries its damage");
        } else {
          assertEquals(Grab.UNCHANGED, grab);
          skipped++;
        }
        int[] truth = frame(full, 0, tick, Grab.FRAME);
        assertEquals(
            -1, java.util.Arrays.mismatch(truth, last), "the hint hid a change at round " + change);
      }
      assertTrue(skipped >= 10, "idle rounds should be skipped, were " + skipped);
    }
  }

  @Test
  void shouldGiveEachRandrMonitorItsOwnCroppedStream() throws Exception {
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display())) {
      client.rootColour(ROOT);
      client.monitor("LEFT", 0, 0, W / 2, H);
      client.monitor("RIGHT", W / 2, 0, W / 2, H);
      client.window(W / 2 + 40, 20, 30, 30, WINDOW, "right", "right");
      try (X11Source source = X11Source.open(xvfb.display(), "LEFT,RIGHT", true)) {
        assertEquals(List.of("LEFT", "RIGHT"), source.displays());
        assertEquals(W / 2, source.maxWidth());
        int[] left = frame(source, 0, 1, Grab.FRAME);
        assertEquals("LEFT", source.frameLabel());
        int[] right = frame(source, 1, 1, Grab.FRAME);
        assertEquals("RIGHT", source.frameLabel());
        assertEquals(W / 2, source.frameWidth());
        assertTrue(java.util.Arrays.stream(left).allMatch(p -> p == ROOT));
        assertEquals(WINDOW, right[25 * (W / 2) + 45]);
        assertEquals(ROOT, right[25 * (W / 2) + 39]);
        client.fill(client.root(), 10, 10, 5, 5, BOX); // only LEFT changes
        assertEquals(Grab.FRAME, source.grab(0, 2));
        assertEquals(List.of(new Rect(10, 10, 5, 5)), source.damage());
        assertEquals(Grab.UNCHANGED, source.grab(1, 2));
      }
      X11Exception unknown =
          assertThrows(
              X11Exception.class, () -> X11Source.open(xvfb.display(), "LEFT,CENTER", true));
      assertTrue(
          unknown
              .getMessage()
              .contains("'CENTER', which this X screen does not have (it has: LEFT, RIGHT"),
          unknown.getMessage());
    }
  }

  @Test
  void shouldPauseWhileTheScreenSaverIsOn() throws Exception {
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        X11Source source = X11Source.open(xvfb.display(), "all", true)) {
      frame(source, 0, 1, Grab.FRAME);
      xvfb.run("xset", "s", "activate");
      assertEquals(Grab.PAUSED, source.grab(0, 2));
      assertTrue(source.pauseReason().contains("screen saver"));
      xvfb.run("xset", "s", "reset");
      assertEquals(Grab.FRAME, source.grab(0, 3), "the first frame after a pause is grabbed whole");
      assertTrue(source.damage().isEmpty());
    }
  }

  @Test
  void shouldNameABadDisplayInOneLine() {
    X11Exception e = assertThrows(X11Exception.class, () -> X11Source.open(":12345", "all", true));
    assertEquals(
        "cannot open X display ':12345': is the X server running and DISPLAY right?",
        e.getMessage());
  }
}

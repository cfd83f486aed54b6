package dev.ironcliw.capture.x11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.CaptureResolution;
import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.Grab;
import dev.ironcliw.capture.HalfScale;
import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.ring.FrameHash;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.RingGeometry;
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
  private static final List<String> ALL = List.of("all");
  private static final List<String> NONE = List.of();
  private static final int SECRET = 0xABCDEF;
  private static final int SECRET_TEXT = 0x123456;
  private static final int COVER = 0x22AA22;

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
        X11Source source = X11Source.open(xvfb.display(), ALL, true, NONE, NONE)) {
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
        X11Source source = X11Source.open(xvfb.display(), ALL, true, NONE, NONE)) {
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
    XvfbServer.requirePrograms("xdotool");
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display());
        X11Source hinted = X11Source.open(xvfb.display(), ALL, true, NONE, NONE);
        X11Source full = X11Source.open(xvfb.display(), ALL, false, NONE, NONE)) {
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
      try (X11Source source =
          X11Source.open(xvfb.display(), List.of("LEFT", "RIGHT"), true, NONE, NONE)) {
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
              X11Exception.class,
              () -> X11Source.open(xvfb.display(), List.of("LEFT", "CENTER"), true, NONE, NONE));
      assertTrue(
          unknown
              .getMessage()
              .contains("'CENTER', which this X screen does not have (it has: LEFT, RIGHT"),
          unknown.getMessage());
    }
  }

  @Test
  void shouldReadOnlyDamagedRowsAndCopyOnlyStaleOnesYetWriteAndHashWhatAWholeGrabWould()
      throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("x11-rows");
    int half = W / 2;
    long frameBytes = (long) half * H * 4;
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display())) {
      client.rootColour(ROOT);
      client.monitor("LEFT", 0, 0, half, H);
      client.monitor("RIGHT", half, 0, half, H);
      long window = client.window(half - 60, 40, 200, 100, WINDOW, "editor", "editor");
      List<String> both = List.of("LEFT", "RIGHT");
      try (X11Source hinted = X11Source.open(xvfb.display(), both, true, NONE, NONE);
          X11Source full = X11Source.open(xvfb.display(), both, false, NONE, NONE);
          FrameRing ring =
              FrameRing.open(
                  dir.resolve("ring"),
                  RingGeometry.forBudget(4L << 20, half, H), // a few slots: it wraps often
                  OffHeapBudget.unlimited());
          Arena arena = Arena.ofConfined()) {
        FrameRingWriter writer = ring.writer();
        MemorySegment truth = arena.allocate(frameBytes);
        Random random = new Random(3);
        int written = 0;
        for (long tick = 1; tick <= 40; tick++) {
          if (tick % 10 == 0) {
            client.move(window, random.nextInt(W - 200), random.nextInt(H - 100));
          } else if (tick % 5 == 0) {
            client.fill(client.root(), random.nextInt(W - 8), random.nextInt(H - 8), 8, 8, BOX);
          } else if (tick > 1) {
            // A typed glyph somewhere in the editor, which spans both monitors.
            client.fill(
                window, random.nextInt(190), random.nextInt(88), 6, 12, random.nextInt(0xFFFFFF));
          }
          for (int display = 0; display < 2; display++) {
            Grab grab = hinted.grab(display, tick);
            if (grab == Grab.UNCHANGED) {
              continue;
            }
            assertEquals(Grab.FRAME, grab, "tick " + tick);
            String what = "display " + display + " at tick " + tick;
            writeChecked(writer, hinted, what);
            assertEquals(Grab.FRAME, full.grab(display, tick));
            full.copyFrameTo(truth, half * 4);
            assertSlotHoldsThenLetGo(writer, truth, written++, tick, display, what);
          }
        }
        assertTrue(written >= 40, "frames written: " + written);
        assertTrue(
            hinted.damagedRowGrabs() >= 30,
            "ticks that read only damaged rows: " + hinted.damagedRowGrabs());
      }
    }
  }

  /** Claims a slot, writes the source's frame into it, and checks the fingerprint it left. */
  private static void writeChecked(FrameRingWriter writer, X11Source source, String what) {
    assertTrue(writer.tryClaim(source.frameWidth(), source.frameHeight()));
    source.writeFrameTo(writer);
    long bytes = (long) source.frameWidth() * source.frameHeight() * 4;
    assertEquals(
        FrameHash.hash(writer.pixels(), 0, bytes),
        writer.fingerprint(),
        "the fingerprint of " + what);
  }

  /**
   * Checks the claimed slot holds {@code truth}, then commits it, or gives it back every third
   * tick: slots go round, so a later claim finds an older frame of either display, or the frame
   * just written.
   */
  private static void assertSlotHoldsThenLetGo(
      FrameRingWriter writer, MemorySegment truth, int seq, long tick, int display, String what) {
    long bytes = truth.byteSize();
    assertEquals(
        -1,
        MemorySegment.mismatch(truth, 0, bytes, writer.pixels(), 0, bytes),
        "the pixels of " + what);
    if (tick % 3 == 0) {
      writer.abandon();
    } else {
      writer.commit(seq, tick, display);
    }
  }

  @Test
  void shouldCaptureADesktopDrawnAtTwiceItsPointsAtHalfSizeFollowingTheDamage() throws Exception {
    XvfbServer.requirePrograms("xrdb");
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("x11-points");
    int half = W / 2;
    int frameWidth = half / 2;
    int frameHeight = H / 2;
    long frameBytes = (long) frameWidth * frameHeight * 4;
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display())) {
      xvfb.loadResources("Xft.dpi:\t192");
      client.rootColour(ROOT);
      client.monitor("LEFT", 0, 0, half, H);
      client.monitor("RIGHT", half, 0, half, H);
      long window = client.window(half - 61, 41, 200, 100, WINDOW, "editor", "editor");
      List<String> both = List.of("LEFT", "RIGHT");
      try (X11Source points =
              X11Source.open(xvfb.display(), both, true, NONE, NONE, CaptureResolution.POINTS);
          X11Source pixels = X11Source.open(xvfb.display(), both, false, NONE, NONE);
          FrameRing ring =
              FrameRing.open(
                  dir.resolve("ring"),
                  RingGeometry.forBudget(1L << 20, frameWidth, frameHeight),
                  OffHeapBudget.unlimited());
          Arena arena = Arena.ofConfined()) {
        assertEquals(frameWidth, points.maxWidth());
        assertEquals(frameHeight, points.maxHeight());
        assertEquals(
            "points (Xft.dpi 192: 2 pixels a point, frames at half size)", points.resolution());
        assertEquals("pixels", pixels.resolution());
        FrameRingWriter writer = ring.writer();
        MemorySegment full = arena.allocate(frameBytes * 4);
        MemorySegment truth = arena.allocate(frameBytes);
        Random random = new Random(9);
        int written = 0;
        for (long tick = 1; tick <= 40; tick++) {
          Rect glyph = null;
          if (tick % 10 == 0) {
            client.move(window, random.nextInt(W - 200), random.nextInt(H - 100));
          } else if (tick > 1) {
            // A typed glyph at any (odd or even) place: its half-size rows straddle row pairs.
            glyph = new Rect(random.nextInt(190), random.nextInt(88), 5, 11);
            client.fill(
                window,
                glyph.x(),
                glyph.y(),
                glyph.width(),
                glyph.height(),
                random.nextInt(0xFFFFFF));
          }
          for (int display = 0; display < 2; display++) {
            Grab grab = points.grab(display, tick);
            if (grab == Grab.UNCHANGED) {
              continue;
            }
            assertEquals(Grab.FRAME, grab, "tick " + tick);
            assertEquals(frameWidth, points.frameWidth());
            for (Rect damage : points.damage()) {
              assertTrue(
                  damage.x() >= 0
                      && damage.y() >= 0
                      && damage.x() + damage.width() <= frameWidth
                      && damage.y() + damage.height() <= frameHeight,
                  "damage in the half-size frame: " + damage);
            }
            String what = "display " + display + " at tick " + tick;
            writeChecked(writer, points, what);
            assertEquals(Grab.FRAME, pixels.grab(display, tick));
            pixels.copyFrameTo(full, half * 4);
            HalfScale.copy(full, 0, half * 4L, truth, 0, frameWidth * 4L, frameWidth, frameHeight);
            assertSlotHoldsThenLetGo(writer, truth, written++, tick, display, what);
          }
        }
        assertTrue(written >= 40, "frames written: " + written);
        assertTrue(
            points.damagedRowGrabs() >= 25,
            "ticks that read only damaged rows: " + points.damagedRowGrabs());
      }
    }
  }

  @Test
  void shouldHalveAnExcludedWindowOnlyAfterItIsBlanked() throws Exception {
    XvfbServer.requirePrograms("xrdb");
    int frameWidth = W / 2;
    int frameHeight = H / 2;
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display())) {
      xvfb.loadResources("Xft.dpi: 192");
      client.rootColour(ROOT);
      long secret = client.window(51, 51, 201, 121, SECRET, "My Online Bank - Browser", "firefox");
      client.fill(secret, 10, 10, 150, 12, SECRET_TEXT);
      try (X11Source points =
              X11Source.open(
                  xvfb.display(),
                  ALL,
                  true,
                  NONE,
                  List.of("(?i)online bank"),
                  CaptureResolution.POINTS);
          X11Source pixels =
              X11Source.open(xvfb.display(), ALL, false, NONE, List.of("(?i)online bank"));
          Arena arena = Arena.ofConfined()) {
        for (long tick = 1; tick <= 3; tick++) {
          client.fill(secret, 20, 40, 30, 9, (int) tick * 0x010203); // typing in the bank
          if (points.grab(0, tick) != Grab.FRAME) {
            continue; // its redraws are no damage: they leave no trace
          }
          MemorySegment frame = arena.allocate((long) frameWidth * frameHeight * 4);
          points.copyFrameTo(frame, frameWidth * 4);
          assertEquals(Grab.FRAME, pixels.grab(0, tick));
          MemorySegment full = arena.allocate((long) W * H * 4);
          pixels.copyFrameTo(full, W * 4);
          MemorySegment truth = arena.allocate((long) frameWidth * frameHeight * 4);
          HalfScale.copy(full, 0, W * 4L, truth, 0, frameWidth * 4L, frameWidth, frameHeight);
          assertEquals(-1, truth.mismatch(frame), "half of the masked screen");
          // The blocks wholly inside the window are black; those on its edge mix in black only.
          int[] rgb = frame.toArray(ValueLayout.JAVA_INT);
          for (int y = 26; y < 85; y++) {
            for (int x = 26; x < 125; x++) {
              assertEquals(0, rgb[y * frameWidth + x] & 0xFFFFFF, "pixel " + x + "," + y);
            }
          }
        }
      }
    }
  }

  @Test
  void shouldKeepEveryPixelOfADesktopThatIsNotDrawnAtTwiceItsPoints() throws Exception {
    XvfbServer.requirePrograms("xrdb");
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display())) {
      xvfb.loadResources("Xft.dpi: 144"); // 1.5x: halving would lose what the user reads
      client.window(100, 50, 200, 100, WINDOW, "scene", "scene");
      try (X11Source source =
          X11Source.open(xvfb.display(), ALL, true, NONE, NONE, CaptureResolution.POINTS)) {
        assertEquals(W, source.maxWidth());
        assertEquals("points (Xft.dpi 144: 1 pixel a point)", source.resolution());
        int[] rgb = frame(source, 0, 1, Grab.FRAME);
        assertEquals(WINDOW, rgb[50 * W + 100]);
      }
    }
  }

  /**
   * Issue 25: with exclusion rules but no excluded window showing, typing reads only the damaged
   * rows with no server grab; a window the rules exclude is masked from the frame it first shows.
   */
  @Test
  void shouldTakeTheFastWayWhileNoExcludedWindowShowsAndMaskOneAsSoonAsItDoes() throws Exception {
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display());
        X11Source source =
            X11Source.open(
                xvfb.display(), ALL, true, List.of("keepassxc"), List.of("(?i)online bank"))) {
      client.rootColour(ROOT);
      long editor = client.window(300, 150, 300, 180, WINDOW, "notes", "editor");
      long tick = 1;
      frame(source, 0, tick++, Grab.FRAME);
      for (int key = 0; key < 10; key++) {
        client.fill(editor, 10 + 7 * key, 20, 6, 12, BOX);
        int[] rgb = frame(source, 0, tick++, Grab.FRAME);
        assertEquals(BOX, rgb[(150 + 25) * W + 300 + 10 + 7 * key], "key " + key);
      }
      assertEquals(10, source.damagedRowGrabs(), "every key read the fast way");

      // A masked window's own drawing is no damage (it would give away typing in it); a key in
      // the editor brings the next frame, which must show it blanked.
      client.window(20, 20, 200, 100, SECRET, "My Online Bank", "firefox");
      client.fill(editor, 10, 50, 6, 12, BOX);
      int[] shown = frame(source, 0, tick++, Grab.FRAME);
      assertNoSecretPixel(shown);
      assertEquals(1, source.maskedRegions());
      assertEquals(0, shown[60 * W + 100], "blanked from the first frame it shows in");
      for (int key = 1; key < 4; key++) {
        client.fill(editor, 10 + 7 * key, 50, 6, 12, BOX);
        assertNoSecretPixel(frame(source, 0, tick++, Grab.FRAME));
      }
      assertEquals(10, source.damagedRowGrabs(), "read whole while it shows");
      long vault = client.window(20, 200, 100, 80, SECRET, "Passwords", "keepassxc");
      client.fill(editor, 10, 80, 6, 12, BOX);
      assertNoSecretPixel(frame(source, 0, tick++, Grab.FRAME));
      assertEquals(2, source.maskedRegions());
      client.move(vault, 500, 10); // a move is a window event: walked again, still masked
      client.fill(editor, 17, 80, 6, 12, BOX);
      assertNoSecretPixel(frame(source, 0, tick++, Grab.FRAME));
      assertEquals(2, source.maskedRegions());
    }
  }

  @Test
  void shouldPauseWhileTheScreenSaverIsOn() throws Exception {
    XvfbServer.requirePrograms("xset");
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        X11Source source = X11Source.open(xvfb.display(), ALL, true, NONE, NONE)) {
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
  void shouldNeverLetAnExcludedWindowsPixelsOutWhileItMovesOrIsPartlyCovered() throws Exception {
    XvfbServer.requirePrograms("xdotool");
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display());
        X11Source source =
            X11Source.open(
                xvfb.display(), ALL, true, List.of("keepassxc"), List.of("(?i)online bank"))) {
      client.rootColour(ROOT);
      long secret = client.window(50, 50, 200, 120, SECRET, "My Online Bank - Browser", "firefox");
      client.fill(secret, 10, 10, 150, 12, SECRET_TEXT); // "text"
      long vault = client.window(400, 200, 100, 80, SECRET, "Passwords", "keepassxc");
      client.fill(vault, 5, 5, 50, 8, SECRET_TEXT);
      long cover = client.window(150, 100, 120, 120, COVER, "Notes", "gedit");
      long tick = 1;
      int[] first = frame(source, 0, tick++, Grab.FRAME);
      assertNoSecretPixel(first);
      assertEquals(
          3, source.maskedRegions()); // the bank window in two pieces around the cover, the vault
      assertEquals(COVER, first[150 * W + 200], "the covering window stays visible");
      assertEquals(0, first[60 * W + 60], "the excluded window's visible part is blanked");
      assertEquals(ROOT, first[10 * W + 10]);
      for (int step = 0; step < 12; step++) {
        xvfb.run(
            "xdotool",
            "windowmove",
            Long.toString(secret),
            Integer.toString(20 + step * 30),
            Integer.toString(40 + step * 10));
        if (step == 6) {
          client.raise(secret); // now the bank window covers the notes window
        }
        Grab grab = source.grab(0, tick++);
        if (grab == Grab.FRAME) {
          int[] pixels = frame(source, 0, tick - 1, Grab.FRAME);
          assertNoSecretPixel(pixels);
        }
      }
    }
  }

  /**
   * The red team's privacy gaps (issue 20, finding 4): a masked window's redraws leave no trace
   * (they were damage rectangles on unchanged frames, which gives away typing), title patterns
   * match without regard to case, and a title is read whole (only its first 4096 bytes were).
   */
  @Test
  void shouldLeaveNoTraceOfAMaskedWindowAndMatchTitlesWholeWithoutRegardToCase() throws Exception {
    String longTitle = "x".repeat(6000) + " Secret-Bank";
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display());
        X11Source source =
            X11Source.open(xvfb.display(), ALL, true, NONE, List.of("secret-bank"))) {
      client.rootColour(ROOT);
      long bank = client.window(50, 50, 200, 120, SECRET, "Secret-Bank Login", "firefox");
      long vault = client.window(300, 50, 100, 80, SECRET, longTitle, "keepassxc");
      long tick = 1;
      int[] first = frame(source, 0, tick++, Grab.FRAME);
      assertNoSecretPixel(first);
      assertEquals(2, source.maskedRegions(), "both windows masked");
      frame(source, 0, tick++, Grab.UNCHANGED);
      for (int key = 0; key < 5; key++) {
        client.fill(bank, 10 + key * 8, 10, 6, 12, key % 2 == 0 ? SECRET_TEXT : SECRET); // typing
        client.fill(vault, 5, 5 + key, 20, 4, SECRET_TEXT);
        Grab grab = source.grab(0, tick++);
        assertEquals(Grab.UNCHANGED, grab, "a masked window's redraw is no change");
      }
      client.fill(client.root(), 500, 300, 20, 20, COVER); // a visible change next to them
      frame(source, 0, tick++, Grab.FRAME);
      for (Rect r : source.damage()) {
        assertTrue(
            r.intersect(new Rect(50, 50, 200, 120)) == null
                && r.intersect(new Rect(300, 50, 100, 80)) == null,
            "damage inside a masked window: " + r);
      }
    }
  }

  /**
   * Issue 20, finding 4: a window renamed into an excluded title changes no pixel, so no damage
   * made the next grab re-check the exclusions and the last frame kept showing it. The title change
   * itself now makes the next tick a whole frame with the window masked, for windows made after the
   * start too.
   */
  @Test
  void shouldMaskAWindowRenamedIntoAnExcludedTitleAtTheNextTickWithoutARedraw() throws Exception {
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display());
        X11Source source =
            X11Source.open(xvfb.display(), ALL, true, NONE, List.of("secret-bank"))) {
      client.rootColour(ROOT);
      long notes = client.window(50, 50, 200, 120, WINDOW, "Notes", "gedit");
      long tick = 1;
      int[] first = frame(source, 0, tick++, Grab.FRAME);
      assertEquals(WINDOW, first[60 * W + 60], "not excluded yet");
      frame(source, 0, tick++, Grab.UNCHANGED);

      client.rename(notes, "Secret-Bank statement");
      int[] renamed = frame(source, 0, tick++, Grab.FRAME);
      assertEquals(0, renamed[60 * W + 60], "masked at the first tick after the rename");
      assertEquals(1, source.maskedRegions());
      frame(source, 0, tick++, Grab.UNCHANGED);

      long later = client.window(320, 50, 100, 80, WINDOW, "Editor", "gedit");
      assertEquals(WINDOW, frame(source, 0, tick++, Grab.FRAME)[60 * W + 330]);
      frame(source, 0, tick++, Grab.UNCHANGED);
      client.rename(later, "SECRET-BANK");
      int[] third = frame(source, 0, tick++, Grab.FRAME);
      assertEquals(0, third[60 * W + 330], "a window made later is watched too");
      assertEquals(2, source.maskedRegions());

      client.rename(notes, "Notes again"); // out of the rules: nothing forces a grab
      frame(source, 0, tick++, Grab.UNCHANGED);
    }
  }

  /**
   * Issue 21: the focused window's application and title, by the root's _NET_ACTIVE_WINDOW,
   * followed through property events (a rename with no redraw is seen at the next grab); a window
   * the rules exclude is known only as excluded.
   */
  @Test
  void shouldTellTheFocusedWindowsAppAndTitleAndFollowThemWithoutARedraw() throws Exception {
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display());
        X11Source source =
            X11Source.open(xvfb.display(), ALL, true, NONE, List.of("secret-bank"))) {
      client.rootColour(ROOT);
      long tick = 1;
      frame(source, 0, tick++, Grab.FRAME);
      assertEquals(FocusedWindow.UNKNOWN, source.focusedWindow(), "no window manager said one");

      long term = client.window(10, 10, 200, 100, WINDOW, "bash: ~/src", "XTerm");
      client.activate(term);
      source.grab(0, tick++);
      assertEquals(new FocusedWindow("XTerm", "bash: ~/src", 0, false), source.focusedWindow());

      client.rename(term, "vim notes.txt");
      assertEquals(Grab.UNCHANGED, source.grab(0, tick++));
      assertEquals("vim notes.txt", source.focusedWindow().title());

      long bank = client.window(300, 50, 100, 80, SECRET, "Secret-Bank Login", "firefox");
      client.activate(bank);
      source.grab(0, tick++);
      assertEquals(FocusedWindow.excludedOn(0), source.focusedWindow());

      client.activate(term);
      source.grab(0, tick++);
      assertEquals("vim notes.txt", source.focusedWindow().title());
    }
  }

  private static void assertNoSecretPixel(int[] rgb) {
    for (int i = 0; i < rgb.length; i++) {
      if (rgb[i] == SECRET || rgb[i] == SECRET_TEXT) {
        throw new AssertionError("an excluded window's pixel at " + (i % W) + "," + (i / W));
      }
    }
  }

  @Test
  void shouldNameABadDisplayInOneLine() {
    X11Exception e =
        assertThrows(X11Exception.class, () -> X11Source.open(":12345", ALL, true, NONE, NONE));
    assertEquals(
        "cannot open X display ':12345': is the X server running and DISPLAY right?",
        e.getMessage());
  }
}

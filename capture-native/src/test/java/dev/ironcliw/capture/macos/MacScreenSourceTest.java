package dev.ironcliw.capture.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.CaptureResolution;
import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.FrameScale;
import dev.ironcliw.capture.Grab;
import dev.ironcliw.ring.Rect;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The macOS capture logic against a scripted OS (the native calls have never run here). */
class MacScreenSourceTest {
  private static final long S = 1_000_000_000L;
  private final FakeMacScreenApi mac = new FakeMacScreenApi();
  private final AtomicLong now = new AtomicLong();

  private MacScreenSource source(List<String> displays) {
    return mac.source(now::get, displays);
  }

  @Test
  void shouldCopyNewFramesAndCallIdleOnesUnchanged() {
    MacScreenSource source = source(List.of("all"));
    assertEquals(List.of("main", "display-2"), source.displays());
    assertEquals(8, source.maxWidth());
    mac.frames.add(FrameInfoLayout.FRAME_NEW);
    assertEquals(Grab.FRAME, source.grab(0, 1));
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment slot = arena.allocate(8 * 4 * 4);
      source.copyFrameTo(slot, 8 * 4);
      assertEquals(1, slot.get(ValueLayout.JAVA_BYTE, 0));
    }
    assertEquals(List.of(new Rect(1, 1, 2, 2)), source.damage());
    assertEquals(Grab.UNCHANGED, source.grab(0, 2), "an idle stream is not copied");
    assertEquals(1, mac.copies);
    assertEquals(
        List.of("main apps=[com.agilebits.onepassword7] titles=[(?i)bank]"),
        mac.opened,
        "one stream per display, opened once, with the exclusions");
  }

  /**
   * Issue 21: the frontmost application and window, asked for at most every 250 ms; an excluded app
   * (by name or bundle id) or title is known only as excluded.
   */
  @Test
  void shouldTellTheFrontmostWindowAndNothingOfAnExcludedOne() {
    MacScreenSource source = source(List.of("all"));
    source.grab(0, 1);
    assertEquals(FocusedWindow.UNKNOWN, source.focusedWindow(), "no frontmost application");

    mac.front = new MacScreenApi.FrontWindow("Terminal", "com.apple.Terminal", "zsh: ~/src", 2);
    now.addAndGet(MacScreenSource.FOCUS_POLL_NANOS);
    source.grab(0, 2);
    assertEquals(new FocusedWindow("Terminal", "zsh: ~/src", 1, false), source.focusedWindow());

    mac.front = new MacScreenApi.FrontWindow("Safari", "com.apple.Safari", "My Bank - Login", 1);
    source.grab(0, 3);
    assertEquals("Terminal", source.focusedWindow().app(), "asked again only after 250 ms");
    now.addAndGet(MacScreenSource.FOCUS_POLL_NANOS);
    source.grab(0, 4);
    assertEquals(FocusedWindow.excludedOn(0), source.focusedWindow(), "an excluded title");

    mac.front = new MacScreenApi.FrontWindow("1Password 7", "com.agilebits.onepassword7", "", 1);
    now.addAndGet(MacScreenSource.FOCUS_POLL_NANOS);
    source.grab(0, 5);
    assertEquals(FocusedWindow.excludedOn(0), source.focusedWindow(), "an excluded bundle id");
    assertEquals(4, mac.frontReads);
  }

  @Test
  void shouldPauseAndAskOnceThenRetryWithBackoffWhilePermissionIsMissing() {
    mac.permitted = false;
    MacScreenSource source = source(List.of("primary"));
    assertEquals(Grab.PAUSED, source.grab(0, 1));
    assertEquals(ScreenCapturePermission.HOW_TO_GRANT, source.pauseReason());
    assertEquals(1, mac.requests);
    long tick = 2;
    int[] checkTimesSeconds = {0, 1, 3, 7, 15, 31, 63, 123, 183};
    for (int second = 0; second <= 200; second++) {
      now.set(second * S);
      source.grab(0, tick++);
    }
    assertEquals(1, mac.requests, "the request is made once");
    assertEquals(checkTimesSeconds.length, mac.preflights, "checks back off: 1 s doubling to 60 s");
    assertTrue(mac.opened.isEmpty(), "nothing is opened without permission");
    mac.permitted = true;
    now.set(300 * S);
    mac.frames.add(FrameInfoLayout.FRAME_NEW);
    assertEquals(Grab.FRAME, source.grab(0, tick));
    assertEquals("", source.pauseReason());
  }

  @Test
  void shouldPauseWhenThePermissionIsRevokedWhileCapturingAndResumeWhenItIsBack() {
    MacScreenSource source = source(List.of("primary"));
    mac.frames.add(FrameInfoLayout.FRAME_NEW);
    assertEquals(Grab.FRAME, source.grab(0, 1));
    assertEquals(1, mac.opened.size());
    int preflightsWhileCapturing = mac.preflights;

    // Revoked: ScreenCaptureKit stops the stream; the permission is asked about at once.
    mac.permitted = false;
    mac.frames.clear();
    mac.frames.add(FrameInfoLayout.FRAME_STOPPED);
    assertEquals(Grab.UNCHANGED, source.grab(0, 2));
    mac.frames.clear();
    assertEquals(Grab.PAUSED, source.grab(0, 3));
    assertEquals(ScreenCapturePermission.REVOKED, source.pauseReason());
    assertEquals(preflightsWhileCapturing + 1, mac.preflights);
    assertEquals(0, mac.requests, "no prompt: the user took it back on purpose");

    // Checked again with backoff, nothing opened meanwhile.
    long tick = 4;
    for (int second = 0; second <= 20; second++) {
      now.set(second * S);
      assertEquals(Grab.PAUSED, source.grab(0, tick++));
    }
    assertEquals(preflightsWhileCapturing + 1 + 4, mac.preflights, "at 1, 3, 7 and 15 s");
    assertEquals(1, mac.opened.size());

    mac.permitted = true;
    now.set(40 * S);
    mac.frames.add(FrameInfoLayout.FRAME_NEW);
    assertEquals(Grab.FRAME, source.grab(0, tick++));
    assertEquals("", source.pauseReason());
    assertEquals(2, mac.opened.size(), "a new stream");
  }

  @Test
  void shouldReopenAStoppedStreamWithBackoffWhileThePermissionHolds() {
    MacScreenSource source = source(List.of("primary"));
    long tick = 1;
    for (int second = 0; second <= 20; second++) {
      now.set(second * S);
      mac.frames.clear();
      mac.frames.add(FrameInfoLayout.FRAME_STOPPED);
      Grab grab = source.grab(0, tick++);
      assertTrue(grab == Grab.UNCHANGED, "a stopped stream is no frame: " + grab);
    }
    // Opened at 0 s, then again 1, 2 and 4 s after each stop: at 1, 3, 7 and 15 s.
    assertEquals(5, mac.opened.size());
    assertEquals("", source.pauseReason());
  }

  @Test
  void shouldPauseWhileTheSessionIsLocked() {
    MacScreenSource source = source(List.of("all"));
    mac.locked = true;
    assertEquals(Grab.PAUSED, source.grab(0, 1));
    assertEquals(Grab.PAUSED, source.grab(1, 1));
    assertEquals(MacScreenSource.LOCKED, source.pauseReason());
    mac.locked = false;
    mac.frames.add(FrameInfoLayout.FRAME_NEW);
    assertEquals(Grab.FRAME, source.grab(0, 2));
  }

  @Test
  void shouldPassFrameRateChangesToOpenStreams() {
    MacScreenSource source = source(List.of("main"));
    source.grab(0, 1);
    source.setFramesPerSecond(2.5);
    assertEquals(2.5, mac.fps);
  }

  @Test
  void shouldNameUnknownDisplays() {
    MacCaptureException e =
        assertThrows(MacCaptureException.class, () -> source(List.of("main", "projector")));
    assertEquals(
        "capture.displays names display 'projector', which this Mac does not have (it has: main,"
            + " display-2)",
        e.getMessage());
  }

  /**
   * Issue 24: a Retina display (twice the pixels of its points) is captured at its point size by
   * default, every pixel on request; a 1x display the same either way.
   */
  @Test
  void shouldCaptureARetinaDisplayAtItsPointSize() {
    mac.displays =
        List.of(
            new MacScreenApi.Display(1, "main", 16, 8, 8, 4, true),
            new MacScreenApi.Display(2, "display-2", 6, 4, 6, 4, false));
    MacScreenSource points = mac.source(now::get, List.of("all"), CaptureResolution.POINTS);
    assertEquals(8, points.maxWidth());
    assertEquals(4, points.maxHeight());
    assertEquals(
        "points (main 16x8 pixels, frames at its 8x4 points; display-2 6x4 pixels, 1 a point)",
        points.resolution());
    mac.frames.add(FrameInfoLayout.FRAME_NEW);
    assertEquals(Grab.FRAME, points.grab(0, 1));
    assertEquals(8, points.frameWidth());
    try (Arena arena = Arena.ofConfined()) {
      points.copyFrameTo(arena.allocate(8 * 4 * 4), 8 * 4);
    }
    // The dirty rectangle (1,1 2x2) may be in points or pixels: it is taken to cover both.
    assertEquals(List.of(new Rect(0, 0, 3, 3)), points.damage());
    mac.frames.add(FrameInfoLayout.FRAME_NEW);
    assertEquals(Grab.FRAME, points.grab(1, 1));
    assertEquals(List.of("8x4", "6x4"), mac.openedSizes);

    MacScreenSource pixels = mac.source(now::get, List.of("main"), CaptureResolution.PIXELS);
    assertEquals(16, pixels.maxWidth());
    assertEquals("pixels", pixels.resolution());
    mac.frames.add(FrameInfoLayout.FRAME_NEW);
    assertEquals(Grab.FRAME, pixels.grab(0, 2));
    try (Arena arena = Arena.ofConfined()) {
      pixels.copyFrameTo(arena.allocate(16 * 8 * 4), 16 * 4);
    }
    assertEquals(List.of(new Rect(1, 1, 2, 2)), pixels.damage());
    assertEquals("16x8", mac.openedSizes.getLast());
  }

  @Test
  void shouldCutDirtyRectanglesToTheFrameCoveringPointsAndPixelsAlike() {
    FrameScale half = new FrameScale(2);
    assertEquals(
        List.of(new Rect(50, 20, 70, 40), new Rect(0, 0, 10, 10)),
        MacScreenSource.inFrame(
            List.of(new Rect(100, 40, 20, 20), new Rect(0, 0, 10, 10)), half, 200, 100));
    assertEquals(
        List.of(new Rect(150, 90, 50, 10)),
        MacScreenSource.inFrame(List.of(new Rect(300, 180, 40, 40)), half, 200, 100),
        "as pixels it is at the frame's corner; as points, outside: kept, cut to the frame");
    assertEquals(
        List.of(new Rect(190, 90, 10, 10)),
        MacScreenSource.inFrame(List.of(new Rect(190, 90, 30, 30)), FrameScale.ONE, 200, 100));
  }
}

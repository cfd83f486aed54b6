package dev.ironcliw.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticDesktopTest {
  private static final int W = 640;
  private static final int H = 360;

  private static byte[] frameAt(long millis) {
    SyntheticDesktop desktop = new SyntheticDesktop(W, H);
    desktop.grab(0, millis * 1_000_000);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pixels = arena.allocate((long) W * H * 4);
      desktop.copyFrameTo(pixels, W * 4);
      return pixels.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
  }

  @Test
  void shouldDrawTheSameFrameForTheSameTime() {
    assertArrayEqualsQuietly(frameAt(12_345), frameAt(12_345));
  }

  @Test
  void shouldBeDrawnAsFastAsTakenWhenNotLive() {
    SyntheticDesktop fast = new SyntheticDesktop(W, H, false);
    assertFalse(fast.isLive(), "every tick in turn, like a recording");
    assertTrue(new SyntheticDesktop(W, H).isLive());
    fast.grab(0, 12_345 * 1_000_000L);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pixels = arena.allocate((long) W * H * 4);
      fast.copyFrameTo(pixels, W * 4);
      assertArrayEqualsQuietly(
          frameAt(12_345), pixels.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }
  }

  @Test
  void shouldShowTypingAsChanges() {
    assertNotEquals(Arrays.hashCode(frameAt(10_000)), Arrays.hashCode(frameAt(10_250)));
  }

  @Test
  void shouldHoldStillBetweenBlinksWhenIdle() {
    assertArrayEqualsQuietly(frameAt(50_100), frameAt(50_400));
  }

  @Test
  void shouldReturnToAnEarlierScreenWhenTheBrowserCloses() {
    // Same minute, same colon and cursor phase, all text typed, browser gone again.
    assertArrayEqualsQuietly(frameAt(25_500), frameAt(41_500));
    assertNotEquals(Arrays.hashCode(frameAt(41_500)), Arrays.hashCode(frameAt(31_500)));
  }

  private static void assertArrayEqualsQuietly(byte[] a, byte[] b) {
    assertEquals(-1, Arrays.mismatch(a, b), "frames differ");
  }
}

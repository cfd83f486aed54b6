package dev.ironcliw.daemon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaptureClockTest {
  private static final long MIDNIGHT_NANOS =
      Instant.parse("2026-12-07T00:00:00Z").toEpochMilli() * 1_000_000L;

  @Test
  void shouldTellTheNewestFramesCaptureTimeAndNeverGoBack() {
    long start = MIDNIGHT_NANOS - 250_000_000L; // a quarter of a second before midnight
    CaptureClock clock = CaptureClock.followingFrames(start);
    assertEquals(start / 1_000_000, clock.currentTimeMillis(), "before the first frame");

    clock.captured(start + 100_000_000L);
    clock.captured(MIDNIGHT_NANOS + 50_000_000L);
    clock.captured(MIDNIGHT_NANOS - 10_000_000L); // an older frame published late

    assertEquals(MIDNIGHT_NANOS / 1_000_000 + 50, clock.currentTimeMillis());
    assertEquals(MIDNIGHT_NANOS / 1_000 + 50_000, clock.currentTimeMicros());
    assertEquals(MIDNIGHT_NANOS + 50_000_000L, clock.currentTimeNanos());
  }

  @Test
  void shouldTellTheWallClockWhatEverFramesItSees() {
    CaptureClock clock = CaptureClock.wall();
    clock.captured(MIDNIGHT_NANOS * 2);

    long before = System.currentTimeMillis();
    long now = clock.currentTimeMillis();
    long after = System.currentTimeMillis();

    assertTrue(now >= before && now <= after, now + " between " + before + " and " + after);
  }
}

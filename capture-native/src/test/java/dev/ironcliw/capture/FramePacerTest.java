package dev.ironcliw.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FramePacerTest {
  private static final long MS = 1_000_000;

  @Test
  void shouldKeepTicksOnTheScheduleWhenOneRunsLate() {
    FramePacer pacer = new FramePacer(10, 0);
    assertTrue(pacer.tryTick(0));
    assertFalse(pacer.tryTick(99 * MS));
    assertTrue(pacer.tryTick(130 * MS)); // 30 ms late
    assertEquals(70 * MS, pacer.nanosUntilDue(130 * MS)); // next still due at 200 ms, not 230
    assertTrue(pacer.tryTick(200 * MS));
    assertEquals(0, pacer.missedTicks());
  }

  @Test
  void shouldCountMissedTicksAndRestartInsteadOfBursting() {
    FramePacer pacer = new FramePacer(10, 0);
    assertTrue(pacer.tryTick(0));
    assertTrue(pacer.tryTick(450 * MS)); // due at 100; 350 ms late: 3 ticks missed
    assertEquals(3, pacer.missedTicks());
    assertFalse(pacer.tryTick(460 * MS));
    assertTrue(pacer.tryTick(550 * MS));
  }

  @Test
  void shouldNotCountTicksSkippedOnPurposeAsMissed() {
    FramePacer pacer = new FramePacer(10, 0);
    assertTrue(pacer.tryTick(0));
    pacer.restartAt(5_000 * MS); // held for 5 s
    assertTrue(pacer.tryTick(5_000 * MS));
    assertEquals(0, pacer.missedTicks());
    assertEquals(100 * MS, pacer.nanosUntilDue(5_000 * MS));
  }

  @Test
  void shouldApplyANewRateFromTheNextTick() {
    FramePacer pacer = new FramePacer(10, 0);
    assertTrue(pacer.tryTick(0));
    pacer.setRate(2);
    assertTrue(pacer.tryTick(100 * MS));
    assertEquals(500 * MS, pacer.nanosUntilDue(100 * MS));
  }
}

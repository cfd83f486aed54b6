package dev.ironcliw.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldDoubleTheWaitAfterEachFailureUpToItsCapAndStartOverAfterASuccess() {
    RetrySchedule schedule =
        new RetrySchedule(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    assertTrue(schedule.due(0), "nothing failed yet");
    List<Long> waits = new ArrayList<>();
    long now = 0;
    for (int i = 0; i < 7; i++) {
      schedule.failed(now);
      waits.add(schedule.lastWaitNanos() / SECOND);
      assertFalse(schedule.due(now + schedule.lastWaitNanos() - 1));
      now += schedule.lastWaitNanos();
      assertTrue(schedule.due(now));
    }
    assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L), waits);
    assertEquals(7, schedule.failures());
    schedule.reset();
    assertTrue(schedule.due(now));
    schedule.failed(now);
    assertEquals(SECOND, schedule.lastWaitNanos());
  }

  @Test
  void shouldJitterBetweenHalfAndAllOfTheWaitWhenGivenARandomGenerator() {
    Backoff jittered =
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), new SplittableRandom(3));
    for (int retry = 1; retry <= 6; retry++) {
      long ceiling = Math.min(8, 1L << (retry - 1)) * SECOND;
      long wait = jittered.delayNanos(retry);
      assertTrue(wait >= ceiling / 2 && wait <= ceiling, retry + ": " + wait);
    }
  }
}

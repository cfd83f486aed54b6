package dev.ironcliw.daemon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FramesPerSecondTest {
  private static final long MS = 1_000_000L;

  @Test
  void shouldTellTheBusierOfThisSecondAndTheOneBefore() {
    FramesPerSecond rate = new FramesPerSecond(0);
    for (int i = 0; i < 40; i++) {
      rate.count(i * 20 * MS); // 50 a second, for 800 ms
    }
    assertEquals(40, rate.recent(900 * MS));
    for (int i = 0; i < 10; i++) {
      rate.count((1000 + i * 100) * MS); // 10 in the next second
    }
    assertEquals(40, rate.recent(1950 * MS), "the busy second is still the one before");
    assertEquals(10, rate.recent(2100 * MS), "then only the quiet one counts");
    assertEquals(0, rate.recent(3100 * MS));
  }

  @Test
  void shouldForgetABusySecondAfterAPause() {
    FramesPerSecond rate = new FramesPerSecond(0);
    for (int i = 0; i < 100; i++) {
      rate.count(i * 5 * MS);
    }
    rate.count(7_500 * MS); // one frame after 7 s of nothing
    assertEquals(1, rate.recent(7_600 * MS));
  }
}

package dev.ironcliw.daemon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DurationWindowTest {
  @Test
  void shouldGiveMedianAndHighQuantileOfTheLastDurations() {
    DurationWindow window = new DurationWindow();
    assertEquals(-1, window.quantileMicros(0.5));
    for (int i = 1; i <= 101; i++) {
      window.record(i * 1000L);
    }
    assertEquals(51, window.quantileMicros(0.5));
    assertEquals(100, window.quantileMicros(0.99));
  }

  @Test
  void shouldForgetDurationsOlderThanItsCapacity() {
    DurationWindow window = new DurationWindow();
    for (int i = 0; i < DurationWindow.CAPACITY; i++) {
      window.record(1_000_000);
    }
    for (int i = 0; i < DurationWindow.CAPACITY; i++) {
      window.record(2_000);
    }
    assertEquals(2, window.quantileMicros(0.99));
  }
}

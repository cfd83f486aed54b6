package dev.ironcliw.daemon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RingSizingTest {
  @Test
  void shouldHoldTheHistoryAtTheCaptureRateOnEveryDisplay() {
    assertEquals(25, RingSizing.historySlots(Duration.ofMillis(2_500), 10, 1));
    assertEquals(50, RingSizing.historySlots(Duration.ofMillis(2_500), 10, 2));
    assertEquals(11, RingSizing.historySlots(Duration.ofMillis(1_050), 10, 1)); // rounded up
    assertEquals(30, RingSizing.historySlots(Duration.ofSeconds(1), 30, 1)); // not 31
  }

  @Test
  void shouldNeverAskForFewerThanTheMinimum() {
    assertEquals(RingSizing.MINIMUM_SLOTS, RingSizing.historySlots(Duration.ZERO, 10, 1));
    assertEquals(RingSizing.MINIMUM_SLOTS, RingSizing.historySlots(Duration.ofSeconds(5), 0.2, 1));
    assertEquals(RingSizing.MINIMUM_SLOTS, RingSizing.historySlots(Duration.ofMillis(300), 10, 1));
  }
}

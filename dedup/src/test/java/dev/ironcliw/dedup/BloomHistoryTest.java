package dev.ironcliw.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BloomHistoryTest {
  private static final long S = 1_000_000_000L;

  @Test
  void shouldRememberWithinTheWindowAndForgetOlderGenerations() {
    BloomHistory history = new BloomHistory(10 * S, 5, 1 << 16, 0.001); // a generation per 2 s
    history.put(42, 0);
    for (long t = 1; t <= 9; t++) {
      history.put(1000 + t, t * S); // a generation starts every 2 s
      assertTrue(history.mightContain(42, t * S), "at " + t + " s");
    }
    assertEquals(5, history.generations().size());
    assertFalse(history.mightContain(42, 10 * S), "the generation holding it was dropped");
    assertEquals(5, history.generations().size());
    assertTrue(history.mightContain(1009, 10 * S));
    assertFalse(history.mightContain(1009, 30 * S), "everything expires after a quiet window");
  }

  @Test
  void shouldKeepTheFalsePositiveRateNearTheTargetWhenAGenerationIsFull() {
    BloomHistory history = new BloomHistory(60 * S, 1, 1 << 16, 0.01);
    long capacity = history.expectedEntriesPerGeneration();
    Random random = new Random(5);
    for (long i = 0; i < capacity; i++) {
      history.put(random.nextLong(), 0);
    }
    int falsePositives = 0;
    int trials = 100_000;
    for (int i = 0; i < trials; i++) {
      if (history.mightContain(random.nextLong(), 0)) {
        falsePositives++;
      }
    }
    double rate = (double) falsePositives / trials;
    assertTrue(rate < 0.02, "false-positive rate " + rate);
    assertEquals(capacity, history.generations().getFirst().approximateEntries(), capacity * 0.05);
    assertTrue(history.generations().getFirst().expectedFalsePositiveRate() < 0.02);
  }

  @Test
  void shouldRejectNonsenseSettings() {
    assertThrows(IllegalArgumentException.class, () -> new BloomHistory(S, 0, 1024, 0.01));
    assertThrows(IllegalArgumentException.class, () -> new BloomHistory(S, 2, 1024, 1.5));
  }
}

package dev.ironcliw.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BloomHistoryTest {
  private static final long S = 1_000_000_000L;

  @ParameterizedTest
  @EnumSource(BloomKind.class)
  void shouldRememberWithinTheWindowAndForgetOlderGenerations(BloomKind kind) {
    BloomHistory history =
        new BloomHistory(10 * S, 5, 1 << 16, 0.001, kind); // a generation per 2 s
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

  @ParameterizedTest
  @EnumSource(BloomKind.class)
  void shouldKeepTheFalsePositiveRateNearTheTargetWhenAGenerationIsFull(BloomKind kind) {
    BloomHistory history = new BloomHistory(60 * S, 1, 1 << 16, 0.01, kind);
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
    assertTrue(rate < 0.02, kind + " false-positive rate " + rate);
    assertEquals(capacity, history.generations().getFirst().approximateEntries(), capacity * 0.05);
    assertTrue(history.generations().getFirst().expectedFalsePositiveRate() < 0.02);
  }

  @ParameterizedTest
  @EnumSource(BloomKind.class)
  void shouldStartAGenerationEmptyWhenItTakesOverTheOldestOnesMemory(BloomKind kind) {
    BloomHistory history = new BloomHistory(2 * S, 2, 1 << 16, 0.001, kind);
    for (long key = 0; key < 500; key++) {
      history.put(key, 0);
    }
    history.put(1_000, S); // the second generation
    history.put(2_000, 2 * S); // the first rotates out; the new one starts in its place
    assertEquals(2, history.generations().size());
    assertEquals(1, history.generations().getLast().approximateEntries(), "only what came since");
    for (long key = 0; key < 500; key++) {
      assertFalse(history.mightContain(key, 2 * S), "key " + key + " left with its generation");
    }
    assertTrue(history.mightContain(1_000, 2 * S));
    assertTrue(history.mightContain(2_000, 2 * S));
  }

  @Test
  void shouldRejectNonsenseSettings() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new BloomHistory(S, 0, 1024, 0.01, BloomKind.BLOCKED));
    assertThrows(
        IllegalArgumentException.class, () -> new BloomHistory(S, 2, 1024, 1.5, BloomKind.BLOCKED));
  }

  @Test
  void shouldReportASaturatedBlockedFilterAsUncountable() {
    BloomHistory history = new BloomHistory(60 * S, 1, 64, 0.5, BloomKind.BLOCKED);
    for (long i = 0; i < 100_000; i++) {
      history.put(i * 0x9E3779B97F4A7C15L, 0);
    }
    assertEquals(-1, history.generations().getFirst().approximateEntries());
    assertEquals(1.0, history.generations().getFirst().expectedFalsePositiveRate());
  }

  @ParameterizedTest
  @EnumSource(BloomKind.class)
  void shouldSizeOnlyTheGenerationsThatStartAfterANewBudget(BloomKind kind) {
    BloomHistory history = new BloomHistory(10 * S, 5, 1 << 16, 0.001, kind);
    history.put(42, 0);
    long before = history.expectedEntriesPerGeneration();

    history.setBytesPerGeneration(1 << 14);

    assertEquals(before / 4, history.expectedEntriesPerGeneration(), 1.0);
    assertTrue(history.mightContain(42, S), "the running generation keeps what it holds");
    history.put(43, 3 * S);
    assertTrue(history.mightContain(43, 3 * S));
  }
}

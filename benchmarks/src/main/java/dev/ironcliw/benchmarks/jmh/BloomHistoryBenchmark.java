package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.dedup.BloomHistory;
import dev.ironcliw.dedup.BloomKind;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A lookup in the dedup bloom history with the bloom's share (12 MiB) of the default 16 MiB dedup
 * budget, each generation half full, for a key never seen (the common case: every generation is
 * asked), with the blocked filter and with Guava's.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BloomHistoryBenchmark extends BenchmarkDefaults {
  private static final long SECOND = 1_000_000_000L;

  @Param({"1", "5", "20"})
  public int generations;

  @Param({"BLOCKED", "GUAVA"})
  public BloomKind kind;

  private BloomHistory history;
  private final SplittableRandom random = new SplittableRandom(3);
  private long now;

  @Setup
  public void setUp() {
    long window = 300 * SECOND;
    history = new BloomHistory(window, generations, (12L << 20) / generations, 0.001, kind);
    long step = window / generations;
    for (int g = 0; g < generations; g++) {
      now = g * step;
      for (long i = 0; i < history.expectedEntriesPerGeneration() / 2; i++) {
        history.put(random.nextLong(), now);
      }
    }
  }

  @Benchmark
  public boolean lookupOfANewFingerprint() {
    return history.mightContain(random.nextLong(), now);
  }
}

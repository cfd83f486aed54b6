package dev.ironcliw.daemon.pipeline;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last {@link #CAPACITY} durations one thread records, for medians and high percentiles read by
 * other threads. Recording is two atomic stores; reading copies and sorts.
 */
public final class DurationWindow {
  static final int CAPACITY = 1024;

  private final AtomicLongArray nanos = new AtomicLongArray(CAPACITY);
  private final AtomicLong count = new AtomicLong();

  void record(long durationNanos) {
    long n = count.get();
    nanos.set((int) (n % CAPACITY), durationNanos);
    count.lazySet(n + 1);
  }

  /** How many durations were ever recorded. */
  public long count() {
    return count.get();
  }

  /** The last duration recorded, -1 when none. */
  public long latestNanos() {
    long n = count.get();
    return n == 0 ? -1 : nanos.get((int) ((n - 1) % CAPACITY));
  }

  /** The {@code quantile} (0 to 1) of the recorded durations in microseconds, -1 when none. */
  public double quantileMicros(double quantile) {
    int size = (int) Math.min(count.get(), CAPACITY);
    if (size == 0) {
      return -1;
    }
    long[] copy = new long[size];
    for (int i = 0; i < size; i++) {
      copy[i] = nanos.get(i);
    }
    Arrays.sort(copy);
    int index = (int) Math.min(size - 1, Math.round(quantile * (size - 1)));
    return copy[index] / 1000.0;
  }
}

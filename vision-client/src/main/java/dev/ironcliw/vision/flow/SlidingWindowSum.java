package dev.ironcliw.vision.flow;

/**
 * A sum over the last {@code window} (e.g. images sent in the last hour), kept in a fixed number of
 * buckets, so it costs the same however much is added. Not thread-safe.
 */
public final class SlidingWindowSum {
  private final long bucketNanos;
  private final long[] sums;
  private final long[] bucketIds;

  public SlidingWindowSum(java.time.Duration window, int buckets) {
    this.bucketNanos = Math.max(1, window.toNanos() / buckets);
    this.sums = new long[buckets];
    this.bucketIds = new long[buckets];
    java.util.Arrays.fill(bucketIds, Long.MIN_VALUE);
  }

  public void add(long amount, long nowNanos) {
    long id = Math.floorDiv(nowNanos, bucketNanos);
    int slot = Math.floorMod(id, sums.length);
    if (bucketIds[slot] != id) {
      bucketIds[slot] = id;
      sums[slot] = 0;
    }
    sums[slot] += amount;
  }

  /** What was added within the window ending now. */
  public long sum(long nowNanos) {
    long newest = Math.floorDiv(nowNanos, bucketNanos);
    long total = 0;
    for (int i = 0; i < sums.length; i++) {
      if (bucketIds[i] > newest - sums.length && bucketIds[i] <= newest) {
        total += sums[i];
      }
    }
    return total;
  }
}

package dev.ironcliw.dedup;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * "Seen within the window" in bounded memory: bloom filters in generations, each covering window /
 * generations of time; when the newest is older than that, a new one starts and the oldest is
 * dropped. Each generation is sized for {@code bytesPerGeneration} at the configured false-positive
 * rate. A hit may be false: callers confirm it before acting on it. Used by one thread.
 */
public final class BloomHistory {
  /**
   * One generation's fill, for status.
   *
   * @param startedAtNanos when it started taking entries
   * @param approximateEntries the filter's estimate of the entries put, -1 when the filter is
   *     saturated
   * @param expectedFalsePositiveRate the filter's estimate at the current fill
   */
  public record Generation(
      long startedAtNanos, long approximateEntries, double expectedFalsePositiveRate) {}

  private record Filter(long startedAtNanos, BloomGeneration bloom) {}

  private final long generationNanos;
  private final int generations;
  private long expectedEntriesPerGeneration;
  private final double falsePositiveRate;
  private final BloomKind kind;
  private final Deque<Filter> filters = new ArrayDeque<>();

  /**
   * @param windowNanos how long an entry is remembered (give or take one generation)
   * @param generations how many filters share the window
   * @param bytesPerGeneration memory for each filter's bits
   * @param falsePositiveRate target rate for a full generation
   * @param kind which filter each generation uses
   */
  public BloomHistory(
      long windowNanos,
      int generations,
      long bytesPerGeneration,
      double falsePositiveRate,
      BloomKind kind) {
    if (generations < 1
        || bytesPerGeneration < 8
        || !(falsePositiveRate > 0 && falsePositiveRate < 1)) {
      throw new IllegalArgumentException(
          "bloom history needs generations >= 1, >= 8 bytes each and 0 < rate < 1: "
              + generations
              + ", "
              + bytesPerGeneration
              + ", "
              + falsePositiveRate);
    }
    this.generationNanos = Math.max(1, windowNanos / generations);
    this.generations = generations;
    this.falsePositiveRate = falsePositiveRate;
    this.kind = kind;
    setBytesPerGeneration(bytesPerGeneration);
  }

  /**
   * Sizes the generations started from now on for {@code bytesPerGeneration}; the ones already
   * started keep their size until they rotate out.
   */
  public void setBytesPerGeneration(long bytesPerGeneration) {
    double bitsPerEntry = BloomSizing.bitsPerEntry(falsePositiveRate);
    if (kind == BloomKind.BLOCKED) {
      bitsPerEntry += 1; // the blocked filter's allowance, see BlockedBloomGeneration
    }
    expectedEntriesPerGeneration = Math.max(1, (long) (bytesPerGeneration * 8 / bitsPerEntry));
  }

  /** Entries one generation holds at the target rate. */
  public long expectedEntriesPerGeneration() {
    return expectedEntriesPerGeneration;
  }

  /**
   * True when {@code fingerprint} may have been put within the window (may be a false positive).
   */
  public boolean mightContain(long fingerprint, long nowNanos) {
    rotate(nowNanos);
    for (Filter filter : filters) {
      if (filter.bloom().mightContain(fingerprint)) {
        return true;
      }
    }
    return false;
  }

  public void put(long fingerprint, long nowNanos) {
    rotate(nowNanos);
    filters.peekLast().bloom().put(fingerprint);
  }

  private void rotate(long nowNanos) {
    BloomGeneration retired = null;
    // A generation whose start is a whole window ago holds nothing younger than the window.
    while (!filters.isEmpty()
        && nowNanos - filters.peekFirst().startedAtNanos() >= generationNanos * generations) {
      retired = filters.removeFirst().bloom();
    }
    Filter newest = filters.peekLast();
    if (newest == null || nowNanos - newest.startedAtNanos() >= generationNanos) {
      while (filters.size() >= generations) {
        retired = filters.removeFirst().bloom();
      }
      // The oldest generation's memory starts the new one, when it has the new one's size.
      BloomGeneration next =
          retired != null && retired.emptiedFor(expectedEntriesPerGeneration, falsePositiveRate)
              ? retired
              : kind.create(expectedEntriesPerGeneration, falsePositiveRate);
      filters.addLast(new Filter(nowNanos, next));
    }
  }

  /** Fill and estimated false-positive rate of each generation, oldest first. */
  public List<Generation> generations() {
    List<Generation> list = new ArrayList<>(filters.size());
    for (Filter f : filters) {
      list.add(
          new Generation(
              f.startedAtNanos(),
              f.bloom().approximateEntries(),
              f.bloom().expectedFalsePositiveRate()));
    }
    return list;
  }
}

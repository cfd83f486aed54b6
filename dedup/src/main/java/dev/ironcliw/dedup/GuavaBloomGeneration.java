package dev.ironcliw.dedup;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;

/**
 * A generation backed by Guava's {@link BloomFilter}: each of its k probes may land on a different
 * cache line, so a lookup of a new key costs about one cache miss per probe.
 */
final class GuavaBloomGeneration implements BloomGeneration {
  private final BloomFilter<Long> bloom;

  GuavaBloomGeneration(long expectedEntries, double falsePositiveRate) {
    this.bloom = BloomFilter.create(Funnels.longFunnel(), expectedEntries, falsePositiveRate);
  }

  @Override
  public boolean mightContain(long key) {
    return bloom.mightContain(key);
  }

  @Override
  public void put(long key) {
    bloom.put(key);
  }

  @Override
  public long approximateEntries() {
    try {
      return bloom.approximateElementCount();
    } catch (ArithmeticException e) {
      return -1; // every bit set: the estimate is infinite
    }
  }

  @Override
  public double expectedFalsePositiveRate() {
    return bloom.expectedFpp();
  }
}

package dev.ironcliw.dedup;

/**
 * A cache-line-blocked bloom filter: a key picks one 64-byte block (8 longs) and sets all its k
 * bits there, so a lookup touches one cache line instead of k. For the same memory its
 * false-positive rate is a little higher than a classic filter's; it is sized with one extra bit
 * per entry to make up for that. Keys are already well-mixed 64-bit hashes. Used by one thread.
 */
final class BlockedBloomGeneration implements BloomGeneration {
  private static final int LONGS_PER_BLOCK = 8;
  private static final int BITS_PER_BLOCK = 512;
  private static final int MAX_PROBES = 16;

  private final long[] words;
  private final long blocks;
  private final int probes;
  private final long expectedEntries;
  private final double falsePositiveRate;
  private long bitsSet;

  /**
   * @param expectedEntries keys the generation holds at the target rate
   * @param falsePositiveRate target rate when it holds {@code expectedEntries}
   */
  BlockedBloomGeneration(long expectedEntries, double falsePositiveRate) {
    double bitsPerEntry = BloomSizing.bitsPerEntry(falsePositiveRate) + 1;
    long bits = Math.max(BITS_PER_BLOCK, (long) Math.ceil(expectedEntries * bitsPerEntry));
    this.expectedEntries = expectedEntries;
    this.falsePositiveRate = falsePositiveRate;
    this.blocks = Math.ceilDiv(bits, BITS_PER_BLOCK);
    this.words = new long[Math.toIntExact(blocks * LONGS_PER_BLOCK)];
    this.probes =
        (int) Math.max(1, Math.min(MAX_PROBES, Math.round(bitsPerEntry * Math.log(2) - 1)));
  }

  @Override
  public boolean emptiedFor(long expectedEntries, double falsePositiveRate) {
    if (expectedEntries != this.expectedEntries || falsePositiveRate != this.falsePositiveRate) {
      return false;
    }
    java.util.Arrays.fill(words, 0);
    bitsSet = 0;
    return true;
  }

  @Override
  public boolean mightContain(long key) {
    long h = mix(key);
    int base = blockOf(h);
    int h1 = (int) h;
    int h2 = (int) (h >>> 32) | 1;
    for (int i = 0; i < probes; i++) {
      int bit = (h1 + i * h2) & (BITS_PER_BLOCK - 1);
      if ((words[base + (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void put(long key) {
    long h = mix(key);
    int base = blockOf(h);
    int h1 = (int) h;
    int h2 = (int) (h >>> 32) | 1;
    for (int i = 0; i < probes; i++) {
      int bit = (h1 + i * h2) & (BITS_PER_BLOCK - 1);
      long word = words[base + (bit >>> 6)];
      long mask = 1L << bit;
      if ((word & mask) == 0) {
        words[base + (bit >>> 6)] = word | mask;
        bitsSet++;
      }
    }
  }

  @Override
  public long approximateEntries() {
    double fill = fill();
    if (fill >= 1) {
      return -1;
    }
    // The classic estimate from the fraction of bits set: n = -m/k ln(1 - fill).
    return Math.round(-(double) words.length * Long.SIZE / probes * Math.log1p(-fill));
  }

  @Override
  public double expectedFalsePositiveRate() {
    return Math.pow(fill(), probes);
  }

  private double fill() {
    return (double) bitsSet / ((double) words.length * Long.SIZE);
  }

  /** First word of the key's block: the high half of the hash scaled onto the block count. */
  private int blockOf(long h) {
    return (int) (Math.multiplyHigh(h >>> 1, blocks << 1) * LONGS_PER_BLOCK);
  }

  /** A second avalanche, so keys that share low bits (tile indexes) still spread over blocks. */
  private static long mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    return h ^ (h >>> 32);
  }
}

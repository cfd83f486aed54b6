package dev.ironcliw.dedup;

/** Which bloom filter each generation of the history uses ({@code dedup.bloom}). */
public enum BloomKind {
  /** {@link BlockedBloomGeneration}: one cache line per lookup. */
  BLOCKED,
  /** Guava's {@code BloomFilter}: k cache lines per lookup. */
  GUAVA;

  /** The kind named in the config, {@code blocked} or {@code guava}. */
  public static BloomKind named(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }

  BloomGeneration create(long expectedEntries, double falsePositiveRate) {
    return switch (this) {
      case BLOCKED -> new BlockedBloomGeneration(expectedEntries, falsePositiveRate);
      case GUAVA -> new GuavaBloomGeneration(expectedEntries, falsePositiveRate);
    };
  }
}

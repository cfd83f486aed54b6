package dev.ironcliw.dedup;

/** One generation of the bloom history: a set of 64-bit keys that may answer yes wrongly. */
interface BloomGeneration {
  boolean mightContain(long key);

  void put(long key);

  /** Estimated keys put, or -1 when the filter is saturated and the estimate is infinite. */
  long approximateEntries();

  /** Estimated false-positive rate at the current fill. */
  double expectedFalsePositiveRate();

  /**
   * Empties this generation for another start, when it was made for the same {@code
   * expectedEntries} and {@code falsePositiveRate}: a generation's memory is then allocated once,
   * not at every rotation.
   *
   * @return whether it was emptied; false when it cannot be, or was made for other figures
   */
  default boolean emptiedFor(long expectedEntries, double falsePositiveRate) {
    return false;
  }
}

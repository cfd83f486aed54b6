package dev.ironcliw.dedup;

/** The classic bloom-filter sizing rule, shared by the history and its generations. */
final class BloomSizing {
  private BloomSizing() {}

  /** Bits per entry for false-positive rate p: -ln p / (ln 2)^2. */
  static double bitsPerEntry(double falsePositiveRate) {
    return -Math.log(falsePositiveRate) / (Math.log(2) * Math.log(2));
  }
}

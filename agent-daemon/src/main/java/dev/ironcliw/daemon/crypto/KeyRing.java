package dev.ironcliw.daemon.crypto;

/** The history's data keys, as the stores that encrypt with them see them. */
public interface KeyRing {
  /**
   * The key that seals what was on screen at {@code epochMillis} while {@code app} had the focus;
   * made (and kept) on first use.
   */
  DataKey keyFor(long epochMillis, String app);

  /** The key numbered {@code id}; null when it was destroyed (its records were forgotten). */
  javax.crypto.SecretKey key(int id);

  /** The key of the text index's files. */
  DataKey indexKey();
}

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

  /**
   * The data keys of the minutes that overlap [{@code fromMillis}, {@code toMillis}] (either null:
   * open) of {@code app} (null: every application; matched without regard to case).
   */
  int count(Long fromMillis, Long toMillis, String app);

  /**
   * Destroys the keys {@link #count} counts: what they sealed can no longer be read.
   *
   * @return the keys destroyed
   */
  int destroy(Long fromMillis, Long toMillis, String app);
}

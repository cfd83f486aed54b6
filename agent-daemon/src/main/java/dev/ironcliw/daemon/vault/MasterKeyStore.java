package dev.ironcliw.daemon.vault;

import java.util.Optional;

/**
 * Where the history's master key is kept, out of the data dir: the macOS keychain, the Secret
 * Service of a Linux session, or a key file. It holds the text of a {@link MasterKeys}.
 */
public interface MasterKeyStore {
  /** Its name in the {@code privacy.key.store} key: {@code keychain}, {@code file}, ... */
  String name();

  /** What it is, for a message: "the macOS keychain", "the key file /home/me/...". */
  String describe();

  /**
   * What it holds; empty when it holds no key of Ironcliw.
   *
   * @throws KeyStoreUnavailableException when it cannot be asked
   */
  Optional<String> read();

  /**
   * Keeps {@code value}, replacing what it held.
   *
   * @throws KeyStoreUnavailableException when it cannot be written
   */
  void write(String value);
}

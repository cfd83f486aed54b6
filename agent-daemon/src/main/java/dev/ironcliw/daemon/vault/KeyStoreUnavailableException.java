package dev.ironcliw.daemon.vault;

import java.io.Serial;

/** A key store that cannot be asked or written: no keychain, no Secret Service, a bad key file. */
public final class KeyStoreUnavailableException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public KeyStoreUnavailableException(String message) {
    super(message);
  }

  public KeyStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

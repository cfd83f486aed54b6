package dev.ironcliw.daemon.vault;

import java.io.Serial;

/** The master key at hand does not open the history's data keys. */
public final class WrongKeyException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public WrongKeyException(String message) {
    super(message);
  }
}

package dev.ironcliw.daemon.text;

import java.io.Serial;

/** A text engine that cannot run here; the message says what is missing and how to install it. */
public final class TextEngineUnavailableException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public TextEngineUnavailableException(String message) {
    super(message);
  }
}

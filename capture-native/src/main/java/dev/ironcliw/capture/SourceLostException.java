package dev.ironcliw.capture;

import java.io.Serial;

/**
 * A source lost what it reads from (the X server went away): its frames stop, and a new source
 * opened later may get them back. {@link ReconnectingSource} does that.
 */
public final class SourceLostException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public SourceLostException(String message, Throwable cause) {
    super(message, cause);
  }
}

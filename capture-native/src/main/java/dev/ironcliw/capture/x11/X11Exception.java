package dev.ironcliw.capture.x11;

import java.io.Serial;

/** X11 capture cannot start or go on; the message is the one line for the user. */
public final class X11Exception extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public X11Exception(String message) {
    super(message);
  }

  public X11Exception(String message, Throwable cause) {
    super(message, cause);
  }
}

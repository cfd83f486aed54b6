package dev.ironcliw.capture.macos;

import java.io.Serial;

/** macOS capture cannot start; the message is the one line for the user. */
public final class MacCaptureException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public MacCaptureException(String message) {
    super(message);
  }

  public MacCaptureException(String message, Throwable cause) {
    super(message, cause);
  }
}

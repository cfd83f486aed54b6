package dev.ironcliw.daemon.lifecycle;

import java.io.Serial;

/** A reason the daemon cannot start, worded as the one line the user sees. */
public final class StartupException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final int exitCode;

  public StartupException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public StartupException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}

package dev.ironcliw.daemon.mcp;

/** A call to the daemon that failed; the message is one sentence that says what to do. */
public final class DaemonApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /**
   * @param status the HTTP status the daemon answered, 0 when it did not answer
   */
  public DaemonApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status the daemon answered; 0 when it did not answer. */
  public int status() {
    return status;
  }
}

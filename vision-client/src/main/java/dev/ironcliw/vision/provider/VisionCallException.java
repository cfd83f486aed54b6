package dev.ironcliw.vision.provider;

import java.time.Duration;

/** Why a call to a provider failed, in words that never hold the API key. */
public final class VisionCallException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, which decides whether trying again can help. */
  public enum Kind {
    /** 429, 529 or 5xx: the provider is busy or broken for now; worth retrying. */
    UNAVAILABLE(true),
    /** Any other non-2xx (400 bad request, 401 bad key, 413 too large): retrying will not help. */
    REFUSED(false),
    /** No complete reply within the request timeout. */
    TIMEOUT(true),
    /** The connection could not be made or was dropped. */
    CONNECTION(true),
    /** A 2xx reply that is not the documented format; the raw body is kept. */
    MALFORMED(false),
    /** The circuit breaker is open: the call was not made. */
    BREAKER_OPEN(false),
    /**
     * The server found on this machine is no longer run by this user (another user took its port):
     * the call was not made.
     */
    UNTRUSTED(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final int status;
  private final Duration retryAfter;
  private final String rawBody;

  /**
   * @param status the HTTP status, 0 when there was no response
   * @param retryAfter what the provider's {@code Retry-After} asked for, or null
   * @param rawBody the reply body (key removed), or null
   */
  public VisionCallException(
      Kind kind, String message, int status, Duration retryAfter, String rawBody) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.rawBody = rawBody;
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return status;
  }

  /** The provider's {@code Retry-After}, or null when it sent none. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The reply body with the key removed, or null when there was none. */
  public String rawBody() {
    return rawBody;
  }
}

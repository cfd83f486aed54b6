package dev.ironcliw.vision.provider;

/** A 2xx reply whose body is not what the provider documents; the raw body is kept. */
public final class MalformedReplyException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String rawBody;

  public MalformedReplyException(String message, String rawBody) {
    super(message);
    this.rawBody = rawBody;
  }

  public String rawBody() {
    return rawBody;
  }
}

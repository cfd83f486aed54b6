package dev.ironcliw.daemon.journal.seal;

/** A sealed record whose data key was destroyed: its content was forgotten on purpose. */
public final class ForgottenRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ForgottenRecordException(int keyId) {
    super("the record's key " + keyId + " was destroyed: it was forgotten");
  }
}

package dev.ironcliw.daemon.journal.record;

import java.io.Serial;

/**
 * An excerpt that claims a record kind but cannot be one: a count larger than what follows, a value
 * outside its range. Thrown by the codecs so that a damaged journal never allocates what a garbage
 * count asks for; readers skip the record and count it.
 */
public final class DamagedRecordException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public DamagedRecordException(String message) {
    super(message);
  }
}

package dev.ironcliw.daemon.journal;

import java.io.Serial;

/**
 * A journal write faulted on its memory-mapped file, which happens when the file system cannot back
 * a new page (the disk filled). The record is lost; the journal stays usable.
 */
final class JournalWriteException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  JournalWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}

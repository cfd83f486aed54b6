package dev.ironcliw.ring;

import java.io.Serial;
import java.nio.file.Path;

/** Another process holds the ring file open for writing. */
public final class RingInUseException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public RingInUseException(Path file) {
    super("frame ring " + file + " is locked by another process (is another daemon running?)");
  }
}

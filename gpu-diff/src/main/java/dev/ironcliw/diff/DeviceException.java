package dev.ironcliw.diff;

import java.io.Serial;

/**
 * A GPU backend failed (device lost, out of memory, a call that returned an error); the caller
 * falls back to the CPU engine.
 */
public final class DeviceException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public DeviceException(String message) {
    super(message);
  }
}

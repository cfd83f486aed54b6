package dev.ironcliw.testing;

import org.junit.jupiter.api.Assertions;

/**
 * Tests that need a native piece (Xvfb, a driver, a tool) skip with a visible reason where it is
 * missing, and fail instead when {@code -Dironcliw.requireNative=true} (CI sets it).
 */
public final class NativeRequirement {
  private NativeRequirement() {}

  /** Skips (or fails, in CI) the running test unless {@code available}. */
  public static void require(boolean available, NativePiece piece) {
    require(available, piece, null);
  }

  /**
   * Skips (or fails, in CI) the running test unless {@code available}.
   *
   * @param detail why it was found missing (a loader's message), or null
   */
  public static void require(boolean available, NativePiece piece, String detail) {
    if (available) {
      return;
    }
    String reason =
        piece.describeWithPackages() + " is missing" + (detail == null ? "" : ": " + detail);
    if (Boolean.getBoolean("ironcliw.requireNative")) {
      Assertions.fail(reason + ", and -Dironcliw.requireNative=true turns that into a failure");
    }
    throw new NativePieceMissing(piece, reason + "; skipping (install it, or see .ci/run)");
  }
}

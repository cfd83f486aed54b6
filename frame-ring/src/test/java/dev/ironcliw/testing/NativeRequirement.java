package dev.ironcliw.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a native piece (Xvfb, a driver) skip with a visible reason where it is missing,
 * and fail instead when {@code -Dironcliw.requireNative=true} (CI sets it).
 */
public final class NativeRequirement {
  private NativeRequirement() {}

  public static void require(boolean available, String what) {
    if (available) {
      return;
    }
    String reason = what + " is missing";
    if (Boolean.getBoolean("ironcliw.requireNative")) {
      Assertions.fail(reason + ", and -Dironcliw.requireNative=true turns that into a failure");
    }
    Assumptions.abort(reason + "; skipping (install it, or see .ci/run)");
  }
}

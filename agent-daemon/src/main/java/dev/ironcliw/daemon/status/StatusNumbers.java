package dev.ironcliw.daemon.status;

/** How status shows measured numbers. */
final class StatusNumbers {
  private StatusNumbers() {}

  /** {@code value} to one decimal. */
  static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}

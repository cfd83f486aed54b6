package dev.ironcliw.governor.pressure;

/**
 * Shares of a limit at which each level starts, e.g. 0.5, 0.7 and 0.9 of a budget.
 *
 * @param medium share from which the level is MEDIUM
 * @param high share from which it is HIGH
 * @param critical share from which it is CRITICAL
 */
public record PressureThresholds(double medium, double high, double critical) {
  public static final PressureThresholds DEFAULT = new PressureThresholds(0.5, 0.7, 0.9);

  public PressureThresholds {
    if (!(0 < medium && medium < high && high < critical && critical <= 1)) {
      throw new IllegalArgumentException(
          "pressure thresholds must rise within (0, 1]: medium "
              + medium
              + ", high "
              + high
              + ", critical "
              + critical);
    }
  }

  /** The level of {@code used} out of {@code limit}; LOW when there is no limit. */
  public PressureLevel levelOf(double used, double limit) {
    if (!(limit > 0)) {
      return PressureLevel.LOW;
    }
    double share = used / limit;
    if (share >= critical) {
      return PressureLevel.CRITICAL;
    }
    if (share >= high) {
      return PressureLevel.HIGH;
    }
    return share >= medium ? PressureLevel.MEDIUM : PressureLevel.LOW;
  }
}

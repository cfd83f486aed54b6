package dev.ironcliw.capture;

/**
 * A drift-corrected tick schedule: tick {@code n} is due at {@code start + n * interval}, so slow
 * ticks do not push later ones back. When more than one whole interval late, the missed ticks are
 * counted and the schedule restarts from now instead of bursting to catch up.
 *
 * <p>Used by one thread.
 */
public final class FramePacer {
  private long intervalNanos;
  private long nextDueNanos;
  private long missedTicks;

  public FramePacer(double framesPerSecond, long nowNanos) {
    setRate(framesPerSecond);
    this.nextDueNanos = nowNanos;
  }

  /** Changes the rate from the next tick on. */
  public void setRate(double framesPerSecond) {
    if (!(framesPerSecond > 0)) {
      throw new IllegalArgumentException("frames per second must be above 0: " + framesPerSecond);
    }
    this.intervalNanos = Math.round(1e9 / framesPerSecond);
  }

  /** True when a tick is due at {@code nowNanos}; consumes it. */
  public boolean tryTick(long nowNanos) {
    if (nowNanos < nextDueNanos) {
      return false;
    }
    long late = nowNanos - nextDueNanos;
    if (late >= intervalNanos) {
      missedTicks += late / intervalNanos;
      nextDueNanos = nowNanos + intervalNanos;
    } else {
      nextDueNanos += intervalNanos;
    }
    return true;
  }

  /**
   * Starts the schedule again with a tick due at {@code nowNanos}: for a pause the caller chose, so
   * the ticks it skipped are not counted as missed.
   */
  public void restartAt(long nowNanos) {
    nextDueNanos = nowNanos;
  }

  /** Nanoseconds until the next tick is due, 0 when due now. */
  public long nanosUntilDue(long nowNanos) {
    return Math.max(0, nextDueNanos - nowNanos);
  }

  public long intervalNanos() {
    return intervalNanos;
  }

  public long missedTicks() {
    return missedTicks;
  }
}

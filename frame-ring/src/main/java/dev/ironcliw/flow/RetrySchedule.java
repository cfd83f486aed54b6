package dev.ironcliw.flow;

/**
 * When to try something again that keeps failing (reopening a lost X display or a stopped
 * ScreenCaptureKit stream, asking for a permission): each failure puts the next attempt one {@link
 * Backoff} wait later, a longer wait after each failure in a row; a success starts over. Not
 * thread-safe: used by the one thread that makes the attempts.
 */
public final class RetrySchedule {
  private final Backoff backoff;
  private int failures;
  private long nextAttemptNanos;
  private long lastWaitNanos;

  public RetrySchedule(Backoff backoff) {
    this.backoff = backoff;
  }

  /** An attempt failed at {@code nowNanos}: the next one waits longer than the last. */
  public void failed(long nowNanos) {
    failures++;
    lastWaitNanos = backoff.delayNanos(failures);
    nextAttemptNanos = nowNanos + lastWaitNanos;
  }

  /** It worked: the next failure waits the shortest time again. */
  public void reset() {
    failures = 0;
    lastWaitNanos = 0;
  }

  /** True when no failure is waited out at {@code nowNanos}. */
  public boolean due(long nowNanos) {
    return failures == 0 || nowNanos - nextAttemptNanos >= 0;
  }

  /** Failures in a row since the last reset. */
  public int failures() {
    return failures;
  }

  /** The wait the last failure set, in nanoseconds; 0 after a reset. */
  public long lastWaitNanos() {
    return lastWaitNanos;
  }

  /** When the next attempt is due ({@link System#nanoTime} scale); meaningful after a failure. */
  public long nextAttemptNanos() {
    return nextAttemptNanos;
  }
}

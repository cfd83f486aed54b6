package dev.ironcliw.daemon.pipeline;

/**
 * How many events came in the current second and in the one before it, counted in whole-second
 * windows: cheap enough to call for every frame. Used from one thread.
 */
final class FramesPerSecond {
  private static final long SECOND_NANOS = 1_000_000_000L;

  private long windowStartNanos;
  private int inWindow;
  private int inPreviousWindow;

  FramesPerSecond(long nowNanos) {
    windowStartNanos = nowNanos;
  }

  /** Counts one event at {@code nowNanos}. */
  void count(long nowNanos) {
    roll(nowNanos);
    inWindow++;
  }

  /** The larger count of the current window and the one before it, as of {@code nowNanos}. */
  int recent(long nowNanos) {
    roll(nowNanos);
    return Math.max(inWindow, inPreviousWindow);
  }

  private void roll(long nowNanos) {
    long elapsed = nowNanos - windowStartNanos;
    if (elapsed < SECOND_NANOS) {
      return;
    }
    // A window that ended more than a second ago was followed by an empty one.
    inPreviousWindow = elapsed < 2 * SECOND_NANOS ? inWindow : 0;
    inWindow = 0;
    windowStartNanos = nowNanos - elapsed % SECOND_NANOS;
  }
}

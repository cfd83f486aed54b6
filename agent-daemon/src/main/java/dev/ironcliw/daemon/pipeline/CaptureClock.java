package dev.ironcliw.daemon.pipeline;

import net.openhft.chronicle.core.time.TimeProvider;

/**
 * What time it is for the journal: the wall clock, or, for a recording replayed as fast as the
 * pipeline goes ({@code capture.replayFast}), the capture time of the newest frame. Capture times
 * of such a replay stay 1/fps apart however fast it runs, so a day of frames replayed in an hour
 * rolls the journal's day and ages its history by retention as the day itself would have.
 */
public final class CaptureClock implements TimeProvider {
  private final boolean followsFrames;
  private volatile long newestNanos;

  private CaptureClock(boolean followsFrames, long startEpochNanos) {
    this.followsFrames = followsFrames;
    this.newestNanos = startEpochNanos;
  }

  /** The wall clock: for live capture and paced replays. */
  public static CaptureClock wall() {
    return new CaptureClock(false, 0);
  }

  /** The newest frame's capture time, {@code startEpochNanos} before the first frame. */
  public static CaptureClock followingFrames(long startEpochNanos) {
    return new CaptureClock(true, startEpochNanos);
  }

  /** The capture agent, for each frame it produces; capture times never go back. */
  void captured(long capturedAtEpochNanos) {
    if (followsFrames && capturedAtEpochNanos > newestNanos) {
      newestNanos = capturedAtEpochNanos;
    }
  }

  @Override
  public long currentTimeMillis() {
    return followsFrames ? newestNanos / 1_000_000 : System.currentTimeMillis();
  }

  @Override
  public long currentTimeMicros() {
    return followsFrames ? newestNanos / 1_000 : System.currentTimeMillis() * 1_000;
  }

  @Override
  public long currentTimeNanos() {
    return followsFrames ? newestNanos : System.currentTimeMillis() * 1_000_000;
  }
}

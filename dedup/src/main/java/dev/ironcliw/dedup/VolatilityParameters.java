package dev.ironcliw.dedup;

import java.time.Duration;

/**
 * How volatile tiles are learned ({@code dedup.volatile.*}).
 *
 * @param minBeats changes on the rhythm before a tile is volatile
 * @param rhythmTolerance how far an interval may stray from an earlier one, as a fraction of it
 * @param maxPeriodNanos intervals longer than this are not a rhythm
 * @param quietPeriods a tile quiet for this many of its own intervals is no longer volatile
 * @param samplingSlackNanos extra tolerance for the capture's sampling (a frame interval and a
 *     half): a change is only seen at the next frame
 */
public record VolatilityParameters(
    int minBeats,
    double rhythmTolerance,
    long maxPeriodNanos,
    int quietPeriods,
    long samplingSlackNanos) {

  /** The defaults, at 10 frames per second. */
  public static VolatilityParameters defaults() {
    return of(3, 0.25, Duration.ofSeconds(3), 4, 10);
  }

  /** Parameters for a capture at {@code framesPerSecond}. */
  public static VolatilityParameters of(
      int minBeats,
      double rhythmTolerance,
      Duration maxPeriod,
      int quietPeriods,
      double framesPerSecond) {
    return new VolatilityParameters(
        minBeats,
        rhythmTolerance,
        maxPeriod.toNanos(),
        quietPeriods,
        (long) (1.5e9 / framesPerSecond));
  }
}

package dev.ironcliw.flow;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th retry waits a random time between half and all of
 * {@code base * 2^(n-1)}, capped at {@code max}, so clients that failed together do not retry
 * together. A provider's {@code Retry-After} wins when it asks for longer.
 */
public final class Backoff {
  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  public Backoff(Duration base, Duration max, RandomGenerator random) {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max: " + base + ", " + max);
    }
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /**
   * The wait before retry {@code retry} (1 for the first).
   *
   * @param retryAfter what the provider asked for, or null
   */
  public Duration delay(int retry, Duration retryAfter) {
    long ceilingNanos = base.toNanos() << Math.min(Math.max(retry - 1, 0), 30);
    ceilingNanos = Math.min(ceilingNanos <= 0 ? Long.MAX_VALUE : ceilingNanos, max.toNanos());
    long jittered = ceilingNanos / 2 + (long) (random.nextDouble() * (ceilingNanos / 2.0));
    Duration backoff = Duration.ofNanos(jittered);
    return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
  }
}

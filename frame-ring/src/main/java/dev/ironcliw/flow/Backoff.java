package dev.ironcliw.flow;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff, the one the daemon uses wherever it tries again: the n-th wait is {@code
 * base * 2^(n-1)}, capped at {@code max}. With a random generator the wait is jittered, a random
 * time between half and all of that, so clients that failed together do not retry together (the
 * vision calls); without one it is exact (capture reconnects, where a steady rhythm is easier to
 * read in the log). Immutable; thread-safe when its random generator is.
 */
public final class Backoff {
  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  /** Exact waits: base, 2 base, 4 base, ... up to max. */
  public Backoff(Duration base, Duration max) {
    this(base, max, null);
  }

  /**
   * @param random jitters each wait; null for exact waits
   */
  public Backoff(Duration base, Duration max, RandomGenerator random) {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max: " + base + ", " + max);
    }
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** The wait in nanoseconds before attempt {@code retry} again (1 after the first failure). */
  public long delayNanos(int retry) {
    long ceilingNanos = base.toNanos() << Math.min(Math.max(retry - 1, 0), 30);
    ceilingNanos = Math.min(ceilingNanos <= 0 ? Long.MAX_VALUE : ceilingNanos, max.toNanos());
    if (random == null) {
      return ceilingNanos;
    }
    return ceilingNanos / 2 + (long) (random.nextDouble() * (ceilingNanos / 2.0));
  }

  /**
   * The wait before retry {@code retry} (1 for the first).
   *
   * @param retryAfter what the other side asked for (a provider's {@code Retry-After}), or null; it
   *     wins when it asks for longer
   */
  public Duration delay(int retry, Duration retryAfter) {
    Duration backoff = Duration.ofNanos(delayNanos(retry));
    return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
  }
}

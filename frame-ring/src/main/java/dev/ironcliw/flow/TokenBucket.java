package dev.ironcliw.flow;

/**
 * Requests per unit of time: {@code ratePerSecond} tokens refill continuously up to {@code burst};
 * each request takes one. The vision calls' request rate and the API's rate per client. Not
 * thread-safe: callers that share one synchronize on it.
 */
public final class TokenBucket {
  private final double ratePerNano;
  private final double burst;
  private double tokens;
  private long lastNanos;

  public TokenBucket(double ratePerSecond, int burst, long nowNanos) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException(
          "a token bucket needs a positive rate and burst: " + ratePerSecond + ", " + burst);
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** Refills for the time since the last call; a clock reading from before it changes nothing. */
  private void refill(long nowNanos) {
    if (nowNanos - lastNanos > 0) {
      tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * ratePerNano);
      lastNanos = nowNanos;
    }
  }

  /** 0 when a token is there now, else how long until one is. */
  public long nanosUntilAvailable(long nowNanos) {
    refill(nowNanos);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
  }

  /** Takes a token; call only when {@link #nanosUntilAvailable} said 0. */
  public void take(long nowNanos) {
    refill(nowNanos);
    tokens -= 1;
  }

  /** Takes a token if one is there: 0 when it did, else how long until one is. */
  public long tryTake(long nowNanos) {
    long wait = nanosUntilAvailable(nowNanos);
    if (wait == 0) {
      tokens -= 1;
    }
    return wait;
  }

  /** True when it would be full at {@code nowNanos}: nothing taken lately matters any more. */
  public boolean fullAt(long nowNanos) {
    double refilled = tokens + Math.max(0, nowNanos - lastNanos) * ratePerNano;
    return refilled >= burst;
  }
}

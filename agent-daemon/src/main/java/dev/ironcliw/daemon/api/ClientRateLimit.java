package dev.ironcliw.daemon.api;

import dev.ironcliw.flow.TokenBucket;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TokenBucket} per client address: {@code perSecond} requests a second, with a burst of
 * one second's worth. Thread-safe; buckets idle long enough to be full again are forgotten once
 * many addresses have been seen.
 */
final class ClientRateLimit {
  private static final int FORGET_ABOVE_CLIENTS = 4096;

  private final double perSecond;
  private final int burst;
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  ClientRateLimit(double perSecond) {
    this.perSecond = perSecond;
    this.burst = (int) Math.max(1, perSecond);
  }

  /**
   * Takes one request from {@code client}'s bucket.
   *
   * @return 0 when the request may go on, else the nanoseconds until it could
   */
  long tryAcquire(String client, long nowNanos) {
    if (buckets.size() > FORGET_ABOVE_CLIENTS) {
      forgetIdle(nowNanos);
    }
    TokenBucket bucket =
        buckets.computeIfAbsent(client, c -> new TokenBucket(perSecond, burst, nowNanos));
    synchronized (bucket) {
      return bucket.tryTake(nowNanos);
    }
  }

  private void forgetIdle(long nowNanos) {
    buckets
        .values()
        .removeIf(
            bucket -> {
              synchronized (bucket) {
                return bucket.fullAt(nowNanos);
              }
            });
  }
}

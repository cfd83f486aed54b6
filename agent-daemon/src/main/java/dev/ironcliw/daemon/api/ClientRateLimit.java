package dev.ironcliw.daemon.api;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: {@code perSecond} requests a second, with a burst of one
 * second's worth. Thread-safe; buckets idle long enough to be full again are forgotten once many
 * addresses have been seen.
 */
final class ClientRateLimit {
  private static final int FORGET_ABOVE_CLIENTS = 4096;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final double perSecond;
  private final double burst;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long lastNanos;

    Bucket(double tokens, long lastNanos) {
      this.tokens = tokens;
      this.lastNanos = lastNanos;
    }
  }

  ClientRateLimit(double perSecond) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, perSecond);
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
    Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, nowNanos));
    synchronized (bucket) {
      double refill = (nowNanos - bucket.lastNanos) * perSecond / NANOS_PER_SECOND;
      bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, refill));
      bucket.lastNanos = Math.max(bucket.lastNanos, nowNanos);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - bucket.tokens) * NANOS_PER_SECOND / perSecond);
    }
  }

  private void forgetIdle(long nowNanos) {
    long fullAfterNanos = (long) (burst / perSecond * NANOS_PER_SECOND);
    buckets
        .entrySet()
        .removeIf(
            e -> {
              synchronized (e.getValue()) {
                return nowNanos - e.getValue().lastNanos > fullAfterNanos;
              }
            });
  }
}

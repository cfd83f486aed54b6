package dev.ironcliw.config;

import java.time.Duration;

/**
 * The flow-control keys of the vision stage: {@code vision.limits.*}, {@code vision.queue.*} and
 * {@code vision.breaker.*}.
 *
 * @param concurrency requests in flight at once
 * @param requestsPerSecond requests started per second (the config says per minute)
 * @param imagesPerHour images sent per rolling hour
 * @param maxRequestBytes encoded image bytes per request
 * @param maxBytesPerHour encoded image bytes per rolling hour
 * @param dailyTokens input plus output tokens per UTC day
 * @param maxOutputTokens tokens one reply may use
 * @param connectTimeout longest wait to connect
 * @param requestTimeout longest wait for a whole reply
 * @param maxAttempts attempts per batch, the first included
 * @param longestRetryWait a longer Retry-After fails the batch
 * @param queueBatches batches waiting at most
 * @param breakerFailures failures in a row that open the breaker
 * @param breakerOpenFor how long the open breaker refuses calls
 */
public record VisionLimitSettings(
    int concurrency,
    double requestsPerSecond,
    int imagesPerHour,
    long maxRequestBytes,
    long maxBytesPerHour,
    long dailyTokens,
    int maxOutputTokens,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration longestRetryWait,
    int queueBatches,
    int breakerFailures,
    Duration breakerOpenFor) {}

package dev.ironcliw.config;

import java.time.Duration;

/**
 * The {@code vision.*} keys.
 *
 * @param provider {@code auto} or {@code none}
 * @param batchSize CHANGE frames per batch
 * @param batchMaxWait longest a partial batch waits
 */
public record VisionSettings(String provider, int batchSize, Duration batchMaxWait) {}

package dev.ironcliw.config;

import java.time.Duration;

/**
 * The {@code memory.*} keys, resolved to bytes.
 *
 * @param totalBytes {@code memory.total}
 * @param frameRingBytes {@code memory.budgets.frameRing}
 * @param dedupBytes {@code memory.budgets.dedup}
 * @param visionQueueBytes {@code memory.budgets.visionQueue}
 * @param pressureMedium {@code memory.pressure.medium}
 * @param pressureHigh {@code memory.pressure.high}
 * @param pressureCritical {@code memory.pressure.critical}
 * @param pressureDwell {@code memory.pressure.dwell}
 * @param pressureInterval {@code memory.pressure.interval}
 */
public record MemorySettings(
    long totalBytes,
    long frameRingBytes,
    long dedupBytes,
    long visionQueueBytes,
    double pressureMedium,
    double pressureHigh,
    double pressureCritical,
    Duration pressureDwell,
    Duration pressureInterval) {}

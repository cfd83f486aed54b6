package dev.ironcliw.config;

/**
 * The {@code memory.*} keys, resolved to bytes.
 *
 * @param totalBytes {@code memory.total}
 * @param frameRingBytes {@code memory.budgets.frameRing}
 * @param dedupBytes {@code memory.budgets.dedup}
 * @param visionQueueBytes {@code memory.budgets.visionQueue}
 */
public record MemorySettings(
    long totalBytes, long frameRingBytes, long dedupBytes, long visionQueueBytes) {}

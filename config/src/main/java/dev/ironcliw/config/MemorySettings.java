package dev.ironcliw.config;

/**
 * The {@code memory.*} keys, resolved to bytes.
 *
 * @param totalBytes {@code memory.total}
 * @param frameRingBytes {@code memory.budgets.frameRing}
 * @param dedupBytes {@code memory.budgets.dedup}
 */
public record MemorySettings(long totalBytes, long frameRingBytes, long dedupBytes) {}

package dev.ironcliw.config;

/**
 * The {@code memory.*} keys, resolved to bytes.
 *
 * @param totalBytes {@code memory.total}
 * @param frameRingBytes {@code memory.budgets.frameRing}
 */
public record MemorySettings(long totalBytes, long frameRingBytes) {}

package dev.ironcliw.config;

/**
 * The {@code diff.*} keys.
 *
 * @param backend {@code auto} or {@code cpu}
 * @param threads threads of the CPU engine
 * @param tileSize tile edge in pixels
 * @param tileThreshold per-tile sum of absolute differences above which a tile changed
 */
public record DiffSettings(String backend, int threads, int tileSize, long tileThreshold) {}

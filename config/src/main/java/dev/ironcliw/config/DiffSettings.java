package dev.ironcliw.config;

/**
 * The {@code diff.*} keys.
 *
 * @param tileSize tile edge in pixels
 * @param tileThreshold per-tile sum of absolute differences above which a tile changed
 */
public record DiffSettings(int tileSize, long tileThreshold) {}

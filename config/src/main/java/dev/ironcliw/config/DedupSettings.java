package dev.ironcliw.config;

import java.time.Duration;

/**
 * The {@code dedup.*} keys.
 *
 * @param revisitWindow how long an exact fingerprint is remembered for REVISIT
 * @param generations bloom generations sharing the window
 * @param falsePositiveRate target rate of a full generation
 */
public record DedupSettings(Duration revisitWindow, int generations, double falsePositiveRate) {}

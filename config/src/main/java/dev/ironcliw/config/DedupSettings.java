package dev.ironcliw.config;

import java.time.Duration;

/**
 * The {@code dedup.*} keys.
 *
 * @param revisitWindow how long an exact fingerprint is remembered for REVISIT
 */
public record DedupSettings(Duration revisitWindow) {}

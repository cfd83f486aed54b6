package dev.ironcliw.config;

import java.time.Duration;

/**
 * The {@code api.*} keys.
 *
 * @param port TCP port on 127.0.0.1
 * @param stallAfter age of the last processed frame that counts as a stalled pipeline
 */
public record ApiSettings(int port, Duration stallAfter) {}

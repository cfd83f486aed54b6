package dev.ironcliw.config;

import java.time.Duration;

/**
 * The {@code api.*} keys.
 *
 * @param port TCP port
 * @param bindAddress the IP address listened on (loopback unless allowRemote)
 * @param allowRemote whether a non-loopback bindAddress is allowed
 * @param requestsPerSecond requests one client address may make per second
 * @param requestTimeout longest a request may take before it is answered 503
 * @param stallAfter age of the last processed frame that counts as a stalled pipeline
 */
public record ApiSettings(
    int port,
    String bindAddress,
    boolean allowRemote,
    double requestsPerSecond,
    Duration requestTimeout,
    Duration stallAfter) {}

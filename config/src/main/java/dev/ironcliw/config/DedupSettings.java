package dev.ironcliw.config;

import java.time.Duration;

/**
 * The {@code dedup.*} keys.
 *
 * @param revisitWindow how long a screen (or a tile's content) is remembered for REVISIT
 * @param generations bloom generations sharing the window
 * @param falsePositiveRate target rate of a full generation
 * @param bloom which bloom filter: blocked or guava
 * @param volatileMinBeats changes on a rhythm before a tile is volatile
 * @param volatileRhythmTolerance how far an interval may stray from an earlier one, as a fraction
 * @param volatileMaxPeriod changes further apart are not a rhythm
 * @param volatileQuietPeriods a volatile tile quiet for this many of its intervals is forgotten
 */
public record DedupSettings(
    Duration revisitWindow,
    int generations,
    double falsePositiveRate,
    String bloom,
    int volatileMinBeats,
    double volatileRhythmTolerance,
    Duration volatileMaxPeriod,
    int volatileQuietPeriods) {}

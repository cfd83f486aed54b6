package dev.ironcliw.config;

import java.time.Duration;

/**
 * How long the journal keeps its history ({@code history.retention.*}).
 *
 * @param maxAge days that ended longer ago than this are deleted
 * @param maxBytes the oldest days are deleted while the journal's files are larger than this
 * @param checkEvery how often retention runs
 */
public record HistorySettings(Duration maxAge, long maxBytes, Duration checkEvery) {}

package dev.ironcliw.config;

import java.time.Duration;

/**
 * The {@code vision.notices.*} keys: when an insight is pushed to the user unasked.
 *
 * @param perMinute notices per rolling minute at most
 * @param cooldown least time between two notices
 * @param minConfidence least confidence of an insight that becomes a notice
 * @param desktop whether a desktop notification is raised too
 */
public record NoticeSettings(
    int perMinute, Duration cooldown, double minConfidence, boolean desktop) {}

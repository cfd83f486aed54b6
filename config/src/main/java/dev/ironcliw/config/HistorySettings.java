package dev.ironcliw.config;

import java.time.Duration;

/**
 * How long the journal keeps its history ({@code history.retention.*}), its keyframes and the free
 * disk it leaves ({@code history.disk.*}).
 *
 * @param maxAge days that ended longer ago than this are deleted
 * @param maxBytes the oldest days are deleted while the journal's files are larger than this
 * @param checkEvery how often retention runs
 * @param keyframeMaxLongEdge longer edge of keyframes in pixels; 0 keeps none
 * @param keyframeQuality JPEG quality of keyframes, 0 to 1
 * @param keyframeMinInterval least time between two keyframes of one display
 * @param keyframesMinFreeBytes below this much free disk, no keyframes are written
 * @param recordsMinFreeBytes below this much free disk, no records are written at all
 */
public record HistorySettings(
    Duration maxAge,
    long maxBytes,
    Duration checkEvery,
    int keyframeMaxLongEdge,
    double keyframeQuality,
    Duration keyframeMinInterval,
    long keyframesMinFreeBytes,
    long recordsMinFreeBytes) {}

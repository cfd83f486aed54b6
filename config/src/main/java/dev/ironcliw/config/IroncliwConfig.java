package dev.ironcliw.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The whole configuration, immutable and validated. Built only by {@link ConfigLoader}.
 *
 * @param dataDir where the ring, the journal and the token live (already resolved)
 * @param capture capture keys
 * @param memory memory budgets
 * @param dedup dedup keys
 * @param diff diff keys
 * @param vision vision keys
 * @param history journal retention keys
 * @param api API keys
 * @param privacy privacy exclusions
 * @param rawValues every key's value as text, for change detection and display
 * @param sources where each key's value came from
 */
public record IroncliwConfig(
    Path dataDir,
    CaptureSettings capture,
    MemorySettings memory,
    DedupSettings dedup,
    DiffSettings diff,
    VisionSettings vision,
    HistorySettings history,
    ApiSettings api,
    PrivacySettings privacy,
    Map<String, String> rawValues,
    Map<String, ConfigSource> sources) {

  public IroncliwConfig {
    rawValues = Map.copyOf(rawValues);
    sources = Map.copyOf(sources);
  }

  static IroncliwConfig from(
      Map<String, Object> v, Map<String, String> raw, Map<String, ConfigSource> sources) {
    String dataDir = (String) v.get("dataDir");
    return new IroncliwConfig(
        dataDir.isBlank() ? PlatformPaths.defaultDataDir() : Path.of(dataDir),
        new CaptureSettings(
            (String) v.get("capture.source"),
            strings(v, "capture.displays"),
            (Double) v.get("capture.fps"),
            (Boolean) v.get("capture.replayFast"),
            (Boolean) v.get("capture.replayLoop"),
            intValue(v, "capture.synthetic.width"),
            intValue(v, "capture.synthetic.height")),
        new MemorySettings(
            (Long) v.get("memory.total"),
            (Long) v.get("memory.budgets.frameRing"),
            (Long) v.get("memory.budgets.dedup"),
            (Long) v.get("memory.budgets.visionQueue"),
            (Long) v.get("memory.budgets.gpuBuffers"),
            (Long) v.get("memory.budgets.journalCaches"),
            (Long) v.get("memory.budgets.heap"),
            (Double) v.get("memory.pressure.medium"),
            (Double) v.get("memory.pressure.high"),
            (Double) v.get("memory.pressure.critical"),
            (Duration) v.get("memory.pressure.dwell"),
            (Duration) v.get("memory.pressure.interval"),
            strings(v, "memory.pressure.actions.medium"),
            strings(v, "memory.pressure.actions.high"),
            strings(v, "memory.pressure.actions.critical")),
        new DedupSettings(
            (Duration) v.get("dedup.revisitWindow"),
            intValue(v, "dedup.generations"),
            (Double) v.get("dedup.falsePositiveRate"),
            (String) v.get("dedup.bloom"),
            intValue(v, "dedup.volatile.minBeats"),
            (Double) v.get("dedup.volatile.rhythmTolerance"),
            (Duration) v.get("dedup.volatile.maxPeriod"),
            intValue(v, "dedup.volatile.quietPeriods")),
        new DiffSettings(
            (String) v.get("diff.backend"),
            intValue(v, "diff.threads"),
            intValue(v, "diff.tileSize"),
            (Long) v.get("diff.tileThreshold")),
        new VisionSettings(
            (String) v.get("vision.provider"),
            intValue(v, "vision.batch.size"),
            (Duration) v.get("vision.batch.maxWait"),
            endpoint(v, "vision.anthropic"),
            endpoint(v, "vision.openai"),
            (String) v.get("vision.auto.localBaseUrl"),
            (String) v.get("vision.auto.localModel"),
            new VisionImageSettings(
                intValue(v, "vision.image.maxLongEdge"),
                (Long) v.get("vision.image.maxBytes"),
                intValue(v, "vision.image.padding"),
                intValue(v, "vision.image.maxCropsPerFrame"),
                (Double) v.get("vision.image.contextShare"),
                intValue(v, "vision.image.contextLongEdge")),
            new VisionLimitSettings(
                intValue(v, "vision.limits.concurrency"),
                (Double) v.get("vision.limits.requestsPerMinute"),
                intValue(v, "vision.limits.imagesPerHour"),
                (Long) v.get("vision.limits.maxRequestBytes"),
                (Long) v.get("vision.limits.maxBytesPerHour"),
                (Long) v.get("vision.limits.dailyTokens"),
                intValue(v, "vision.limits.maxOutputTokens"),
                (Duration) v.get("vision.limits.connectTimeout"),
                (Duration) v.get("vision.limits.requestTimeout"),
                intValue(v, "vision.limits.maxAttempts"),
                (Duration) v.get("vision.limits.longestRetryWait"),
                intValue(v, "vision.queue.batches"),
                intValue(v, "vision.breaker.failures"),
                (Duration) v.get("vision.breaker.openFor")),
            new NoticeSettings(
                intValue(v, "vision.notices.perMinute"),
                (Duration) v.get("vision.notices.cooldown"),
                (Double) v.get("vision.notices.minConfidence"),
                (Boolean) v.get("vision.notices.desktop"))),
        new HistorySettings(
            (Duration) v.get("history.retention.maxAge"),
            (Long) v.get("history.retention.maxBytes"),
            (Duration) v.get("history.retention.checkEvery"),
            intValue(v, "history.keyframes.maxLongEdge"),
            (Double) v.get("history.keyframes.quality"),
            (Duration) v.get("history.keyframes.minInterval"),
            (Long) v.get("history.disk.keyframesMinFree"),
            (Long) v.get("history.disk.recordsMinFree")),
        new ApiSettings(
            intValue(v, "api.port"),
            (String) v.get("api.bindAddress"),
            (Boolean) v.get("api.allowRemote"),
            (Double) v.get("api.rateLimit"),
            (Duration) v.get("api.requestTimeout"),
            (Duration) v.get("api.stallAfter")),
        new PrivacySettings(
            strings(v, "privacy.exclude.apps"), strings(v, "privacy.exclude.titles")),
        raw,
        sources);
  }

  private static VisionEndpointSettings endpoint(Map<String, Object> v, String section) {
    return new VisionEndpointSettings(
        (String) v.get(section + ".model"),
        (String) v.get(section + ".baseUrl"),
        (String) v.get(section + ".keyFile"));
  }

  private static java.util.List<String> strings(Map<String, Object> v, String path) {
    return ((java.util.List<?>) v.get(path)).stream().map(String::valueOf).toList();
  }

  private static int intValue(Map<String, Object> v, String path) {
    return Math.toIntExact((Long) v.get(path));
  }
}

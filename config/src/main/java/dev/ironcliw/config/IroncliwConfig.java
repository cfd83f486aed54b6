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
 * @param api API keys
 * @param privacy privacy exclusions
 * @param rawValues every key's value as text, for change detection and display
 */
public record IroncliwConfig(
    Path dataDir,
    CaptureSettings capture,
    MemorySettings memory,
    DedupSettings dedup,
    DiffSettings diff,
    VisionSettings vision,
    ApiSettings api,
    PrivacySettings privacy,
    Map<String, String> rawValues) {

  public IroncliwConfig {
    rawValues = Map.copyOf(rawValues);
  }

  static IroncliwConfig from(Map<String, Object> v, Map<String, String> raw) {
    String dataDir = (String) v.get("dataDir");
    return new IroncliwConfig(
        dataDir.isBlank() ? PlatformPaths.defaultDataDir() : Path.of(dataDir),
        new CaptureSettings(
            (String) v.get("capture.source"),
            strings(v, "capture.displays"),
            (Double) v.get("capture.fps"),
            (Boolean) v.get("capture.replayFast"),
            intValue(v, "capture.synthetic.width"),
            intValue(v, "capture.synthetic.height")),
        new MemorySettings(
            (Long) v.get("memory.total"),
            (Long) v.get("memory.budgets.frameRing"),
            (Long) v.get("memory.budgets.dedup")),
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
            (Duration) v.get("vision.batch.maxWait")),
        new ApiSettings(intValue(v, "api.port"), (Duration) v.get("api.stallAfter")),
        new PrivacySettings(
            strings(v, "privacy.exclude.apps"), strings(v, "privacy.exclude.titles")),
        raw);
  }

  private static java.util.List<String> strings(Map<String, Object> v, String path) {
    return ((java.util.List<?>) v.get(path)).stream().map(String::valueOf).toList();
  }

  private static int intValue(Map<String, Object> v, String path) {
    return Math.toIntExact((Long) v.get(path));
  }
}

package dev.ironcliw.config;

import static dev.ironcliw.config.schema.ConfigSchema.*;

import dev.ironcliw.config.privacy.EncryptionSettings;
import dev.ironcliw.config.privacy.PrivacySettings;
import dev.ironcliw.config.schema.DefaultExclusions;
import java.nio.file.Path;
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
 * @param text text recognition keys
 * @param privacy privacy exclusions
 * @param encryption encryption of the history, and its key
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
    TextSettings text,
    PrivacySettings privacy,
    EncryptionSettings encryption,
    Map<String, String> rawValues,
    Map<String, ConfigSource> sources) {

  public IroncliwConfig {
    rawValues = Map.copyOf(rawValues);
    sources = Map.copyOf(sources);
  }

  static IroncliwConfig from(
      Map<String, Object> v, Map<String, String> raw, Map<String, ConfigSource> sources) {
    String dataDir = DATA_DIR.valueIn(v);
    String keyFile = PRIVACY_KEY_FILE.valueIn(v);
    return new IroncliwConfig(
        dataDir.isBlank() ? PlatformPaths.defaultDataDir() : Path.of(dataDir),
        new CaptureSettings(
            CAPTURE_SOURCE.valueIn(v),
            CAPTURE_DISPLAYS.valueIn(v),
            CAPTURE_FPS.valueIn(v),
            CAPTURE_RESOLUTION.valueIn(v),
            CAPTURE_RING_HISTORY.valueIn(v),
            CAPTURE_REPLAY_FAST.valueIn(v),
            CAPTURE_REPLAY_LOOP.valueIn(v),
            CAPTURE_SYNTHETIC_WIDTH.valueIn(v),
            CAPTURE_SYNTHETIC_HEIGHT.valueIn(v)),
        new MemorySettings(
            MEMORY_TOTAL.valueIn(v),
            MEMORY_BUDGETS_FRAME_RING.valueIn(v),
            MEMORY_BUDGETS_DEDUP.valueIn(v),
            MEMORY_BUDGETS_VISION_QUEUE.valueIn(v),
            MEMORY_BUDGETS_GPU_BUFFERS.valueIn(v),
            MEMORY_BUDGETS_JOURNAL_CACHES.valueIn(v),
            MEMORY_BUDGETS_TEXT_INDEX.valueIn(v),
            MEMORY_BUDGETS_HEAP.valueIn(v),
            MEMORY_PRESSURE_MEDIUM.valueIn(v),
            MEMORY_PRESSURE_HIGH.valueIn(v),
            MEMORY_PRESSURE_CRITICAL.valueIn(v),
            MEMORY_PRESSURE_DWELL.valueIn(v),
            MEMORY_PRESSURE_INTERVAL.valueIn(v),
            MEMORY_PRESSURE_ACTIONS_MEDIUM.valueIn(v),
            MEMORY_PRESSURE_ACTIONS_HIGH.valueIn(v),
            MEMORY_PRESSURE_ACTIONS_CRITICAL.valueIn(v)),
        new DedupSettings(
            DEDUP_REVISIT_WINDOW.valueIn(v),
            DEDUP_GENERATIONS.valueIn(v),
            DEDUP_FALSE_POSITIVE_RATE.valueIn(v),
            DEDUP_BLOOM.valueIn(v),
            DEDUP_VOLATILE_MIN_BEATS.valueIn(v),
            DEDUP_VOLATILE_RHYTHM_TOLERANCE.valueIn(v),
            DEDUP_VOLATILE_MAX_PERIOD.valueIn(v),
            DEDUP_VOLATILE_QUIET_PERIODS.valueIn(v)),
        new DiffSettings(
            DIFF_BACKEND.valueIn(v),
            DIFF_THREADS.valueIn(v),
            DIFF_TILE_SIZE.valueIn(v),
            DIFF_TILE_THRESHOLD.valueIn(v)),
        new VisionSettings(
            VISION_PROVIDER.valueIn(v),
            VISION_BATCH_SIZE.valueIn(v),
            VISION_BATCH_MAX_WAIT.valueIn(v),
            new VisionEndpointSettings(
                VISION_ANTHROPIC_MODEL.valueIn(v),
                VISION_ANTHROPIC_BASE_URL.valueIn(v),
                VISION_ANTHROPIC_KEY_FILE.valueIn(v)),
            new VisionEndpointSettings(
                VISION_OPENAI_MODEL.valueIn(v),
                VISION_OPENAI_BASE_URL.valueIn(v),
                VISION_OPENAI_KEY_FILE.valueIn(v)),
            VISION_AUTO_LOCAL_BASE_URL.valueIn(v),
            VISION_AUTO_LOCAL_MODEL.valueIn(v),
            new VisionImageSettings(
                VISION_IMAGE_MAX_LONG_EDGE.valueIn(v),
                VISION_IMAGE_MAX_BYTES.valueIn(v),
                VISION_IMAGE_PADDING.valueIn(v),
                VISION_IMAGE_MAX_CROPS_PER_FRAME.valueIn(v),
                VISION_IMAGE_CONTEXT_SHARE.valueIn(v),
                VISION_IMAGE_CONTEXT_LONG_EDGE.valueIn(v)),
            VISION_SCREEN_TEXT_MAX_CHARS.valueIn(v),
            new VisionLimitSettings(
                VISION_LIMITS_CONCURRENCY.valueIn(v),
                VISION_LIMITS_REQUESTS_PER_MINUTE.valueIn(v),
                VISION_LIMITS_IMAGES_PER_HOUR.valueIn(v),
                VISION_LIMITS_MAX_REQUEST_BYTES.valueIn(v),
                VISION_LIMITS_MAX_BYTES_PER_HOUR.valueIn(v),
                VISION_LIMITS_DAILY_TOKENS.valueIn(v),
                VISION_LIMITS_MAX_OUTPUT_TOKENS.valueIn(v),
                VISION_LIMITS_CONNECT_TIMEOUT.valueIn(v),
                VISION_LIMITS_REQUEST_TIMEOUT.valueIn(v),
                VISION_LIMITS_MAX_ATTEMPTS.valueIn(v),
                VISION_LIMITS_LONGEST_RETRY_WAIT.valueIn(v),
                VISION_QUEUE_BATCHES.valueIn(v),
                VISION_BREAKER_FAILURES.valueIn(v),
                VISION_BREAKER_OPEN_FOR.valueIn(v)),
            new NoticeSettings(
                VISION_NOTICES_PER_MINUTE.valueIn(v),
                VISION_NOTICES_COOLDOWN.valueIn(v),
                VISION_NOTICES_MIN_CONFIDENCE.valueIn(v),
                VISION_NOTICES_DESKTOP.valueIn(v))),
        new HistorySettings(
            HISTORY_RETENTION_MAX_AGE.valueIn(v),
            HISTORY_RETENTION_MAX_BYTES.valueIn(v),
            HISTORY_RETENTION_CHECK_EVERY.valueIn(v),
            HISTORY_KEYFRAMES_MAX_LONG_EDGE.valueIn(v),
            HISTORY_KEYFRAMES_QUALITY.valueIn(v),
            HISTORY_KEYFRAMES_MIN_INTERVAL.valueIn(v),
            HISTORY_DISK_KEYFRAMES_MIN_FREE.valueIn(v),
            HISTORY_DISK_RECORDS_MIN_FREE.valueIn(v)),
        new ApiSettings(
            API_PORT.valueIn(v),
            API_BIND_ADDRESS.valueIn(v),
            API_ALLOW_REMOTE.valueIn(v),
            API_RATE_LIMIT.valueIn(v),
            API_REQUEST_TIMEOUT.valueIn(v),
            API_STALL_AFTER.valueIn(v)),
        new TextSettings(
            TEXT_ENGINE.valueIn(v),
            TEXT_LANGUAGES.valueIn(v),
            TEXT_SETTLE.valueIn(v),
            TEXT_MAX_CPU_SHARE.valueIn(v)),
        new PrivacySettings(
            PRIVACY_EXCLUDE_APPS.valueIn(v),
            PRIVACY_EXCLUDE_TITLES.valueIn(v),
            PRIVACY_EXCLUDE_DEFAULTS.valueIn(v).stream().map(DefaultExclusions::named).toList()),
        new EncryptionSettings(
            PRIVACY_ENCRYPT.valueIn(v),
            PRIVACY_KEY_STORE.valueIn(v),
            keyFile.isBlank() ? PlatformPaths.defaultKeyFile() : Path.of(keyFile)),
        raw,
        sources);
  }
}

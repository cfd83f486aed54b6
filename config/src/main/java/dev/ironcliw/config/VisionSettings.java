package dev.ironcliw.config;

import java.time.Duration;

/**
 * The {@code vision.*} keys.
 *
 * @param provider {@code auto}, {@code anthropic}, {@code openai} or {@code none}
 * @param batchSize CHANGE frames per batch
 * @param batchMaxWait longest a partial batch waits
 * @param anthropic {@code vision.anthropic.*}
 * @param openai {@code vision.openai.*}
 * @param localBaseUrl the OpenAI-compatible server {@code auto} tries when no key is set
 * @param localModel the model {@code auto} uses there; empty to pick from its list
 * @param image {@code vision.image.*}
 * @param screenTextMaxChars characters of the text read off the screen sent with a batch; 0 for
 *     none
 * @param limits {@code vision.limits.*}, {@code vision.queue.*} and {@code vision.breaker.*}
 * @param notices {@code vision.notices.*}
 */
public record VisionSettings(
    String provider,
    int batchSize,
    Duration batchMaxWait,
    VisionEndpointSettings anthropic,
    VisionEndpointSettings openai,
    String localBaseUrl,
    String localModel,
    VisionImageSettings image,
    int screenTextMaxChars,
    VisionLimitSettings limits,
    NoticeSettings notices) {}

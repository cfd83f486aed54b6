package dev.ironcliw.vision;

import java.util.Map;

/**
 * The vision stage as {@code status} shows it.
 *
 * @param provider {@code anthropic}, {@code openai} or {@code none}
 * @param model the model asked, empty for none
 * @param description one line on what happens to batches
 * @param batchesSubmitted batches handed to the stage
 * @param queuedBatches batches waiting
 * @param queuedBytes heap bytes of their pixels
 * @param inFlight requests under way
 * @param batchesSent batches sent (each may take several attempts)
 * @param screenText what was sent of the text read off the screen, and what it masked
 * @param attempts HTTP requests made, retries included
 * @param retries attempts that were retries
 * @param insights valid insights received
 * @param invalidReplies replies that were not a valid insight
 * @param failures calls that failed for good, by kind
 * @param dropped batches not analysed, by reason
 * @param breakerState CLOSED, OPEN or HALF_OPEN; empty for none
 * @param breakerOpened times the breaker opened
 * @param tokensToday tokens billed this UTC day
 * @param dailyTokenLimit the daily token budget
 * @param imagesLastHour images sent in the last hour
 * @param bytesLastHour encoded image bytes sent in the last hour
 */
public record VisionStatus(
    String provider,
    String model,
    String description,
    long batchesSubmitted,
    int queuedBatches,
    long queuedBytes,
    int inFlight,
    long batchesSent,
    ScreenTextUse screenText,
    long attempts,
    long retries,
    long insights,
    long invalidReplies,
    Map<String, Long> failures,
    Map<String, Long> dropped,
    String breakerState,
    long breakerOpened,
    long tokensToday,
    long dailyTokenLimit,
    long imagesLastHour,
    long bytesLastHour) {
  public VisionStatus {
    failures = Map.copyOf(failures);
    dropped = Map.copyOf(dropped);
  }
}

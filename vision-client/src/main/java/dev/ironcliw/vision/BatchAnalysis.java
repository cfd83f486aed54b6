package dev.ironcliw.vision;

import java.util.List;

/**
 * The provider's answer on one batch: an insight, or the raw reply and why it was not one.
 *
 * @param receivedAtEpochNanos when the reply arrived
 * @param frameSeqs the frames the batch carried, oldest first
 * @param provider {@code anthropic} or {@code openai}
 * @param model the model asked
 * @param images images sent
 * @param insight the insight, or null when the reply was not valid
 * @param invalidReason why the reply was not an insight; empty when it was
 * @param rawReply the reply text (API key redacted) when it was not valid; empty otherwise
 * @param inputTokens tokens billed for the request
 * @param outputTokens tokens billed for the reply
 */
public record BatchAnalysis(
    long receivedAtEpochNanos,
    List<Long> frameSeqs,
    String provider,
    String model,
    int images,
    Insight insight,
    String invalidReason,
    String rawReply,
    long inputTokens,
    long outputTokens) {
  public BatchAnalysis {
    frameSeqs = List.copyOf(frameSeqs);
  }

  public boolean valid() {
    return insight != null;
  }
}

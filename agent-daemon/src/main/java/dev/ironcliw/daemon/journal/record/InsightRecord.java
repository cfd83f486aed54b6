package dev.ironcliw.daemon.journal.record;

import java.util.List;

/**
 * What the vision provider said about one batch, as journaled: the insight, or the raw reply and
 * why it was not one. Never holds an API key: raw replies are redacted before they get here.
 *
 * @param id this insight's number, from 1, counting every reply ever journaled
 * @param receivedAtNanos when the reply arrived, epoch nanoseconds
 * @param frameSeqs the frames of the batch
 * @param provider {@code anthropic} or {@code openai}
 * @param model the model asked
 * @param images images sent
 * @param valid whether the reply was an insight
 * @param activity what the user is doing; empty when not valid
 * @param app the application in front
 * @param needsHelp whether the user may need help
 * @param suggestion what would help
 * @param confidence 0 to 1
 * @param notice whether it was pushed as a proactive notice
 * @param invalidReason why the reply was not an insight; empty when valid
 * @param rawReply the reply text when not valid; empty when valid
 * @param inputTokens tokens billed for the request
 * @param outputTokens tokens billed for the reply
 */
public record InsightRecord(
    long id,
    long receivedAtNanos,
    List<Long> frameSeqs,
    String provider,
    String model,
    int images,
    boolean valid,
    String activity,
    String app,
    boolean needsHelp,
    String suggestion,
    double confidence,
    boolean notice,
    String invalidReason,
    String rawReply,
    long inputTokens,
    long outputTokens)
    implements JournalRecord {
  public InsightRecord {
    frameSeqs = List.copyOf(frameSeqs);
  }
}

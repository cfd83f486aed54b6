package dev.ironcliw.daemon.lifecycle;

import dev.ironcliw.ring.RecoveryReport;
import io.vertx.core.json.JsonObject;

/**
 * What a start found the previous run left behind. Capture numbers every frame before it reaches
 * the ring, and the pipeline journals it after; a frame the ring holds with a sequence number past
 * the journal's last one was captured but never journaled, so the run that wrote it stopped (was
 * killed) with it in flight. Those frames are counted as lost; frames in flight that never reached
 * the ring left no trace and cannot be counted. When the check at start found the journal damaged,
 * its last records may be among the damaged ones, so the frames past its last whole record are
 * called missing rather than lost: which of them were journaled cannot be told.
 *
 * @param ring what reopening the ring found
 * @param journalLastSeq the journal's last frame sequence number at start, -1 when empty
 * @param journalDamaged records the check at start found damaged and skipped
 * @param firstSeq the sequence number this run starts from
 */
public record StartupRecovery(
    RecoveryReport ring, long journalLastSeq, long journalDamaged, long firstSeq) {

  public static StartupRecovery of(RecoveryReport ring, long journalLastSeq, long journalDamaged) {
    return new StartupRecovery(
        ring, journalLastSeq, journalDamaged, Math.max(journalLastSeq, ring.highestFrameSeq()) + 1);
  }

  /** Frames in the ring past the journal's last whole record. */
  private long framesPastJournal() {
    return Math.max(0, ring.highestFrameSeq() - journalLastSeq);
  }

  /** Frames captured into the ring by the previous run but never journaled. */
  long framesLost() {
    return journalDamaged == 0 ? framesPastJournal() : 0;
  }

  /** Frames past the last whole record of a damaged journal: lost, or among the damaged. */
  long framesMissing() {
    return journalDamaged == 0 ? 0 : framesPastJournal();
  }

  /** The log line; null when a new data dir (nothing to recover). */
  public String message() {
    if (!ring.reopened() && journalLastSeq < 0) {
      return null;
    }
    return "recovery: "
        + ring.validSlots()
        + " ring frames reopened, "
        + ring.discardedSlots()
        + " half-written slots discarded, journal ends at seq "
        + journalLastSeq
        + ", "
        + (journalDamaged == 0
            ? framesLost() + " frames captured but not journaled by the last run (lost)"
            : framesMissing()
                + " frames captured after the journal's last whole record (lost, or among its "
                + journalDamaged
                + " damaged records)");
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("ringFramesReopened", ring.validSlots())
        .put("ringSlotsDiscarded", ring.discardedSlots())
        .put("journalLastSeq", journalLastSeq)
        .put("framesLost", framesLost())
        .put("framesMissing", framesMissing())
        .put("journalDamaged", journalDamaged)
        .put("firstSeq", firstSeq);
  }
}

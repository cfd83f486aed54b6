package dev.ironcliw.daemon.journal;

import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.dedup.Verdict;
import java.util.Set;

/**
 * A page request over the journal; every bound is inclusive and optional (null).
 *
 * @param fromSeq first sequence (the {@code cursor} of a previous page wins when later)
 * @param toSeq last sequence
 * @param fromNanos earliest capture time, epoch nanoseconds
 * @param toNanos latest capture time
 * @param verdicts verdicts to return, empty for all
 * @param display the display whose frames to return (index into status.capture.displays), or null
 *     for all
 * @param app the application that had the focus (case does not matter), or null for any
 * @param limit most records to return
 */
public record FrameQuery(
    Long fromSeq,
    Long toSeq,
    Long fromNanos,
    Long toNanos,
    Set<Verdict> verdicts,
    Integer display,
    String app,
    int limit) {

  public FrameQuery {
    verdicts = Set.copyOf(verdicts);
  }

  /** Every display's frames. */
  public FrameQuery(
      Long fromSeq, Long toSeq, Long fromNanos, Long toNanos, Set<Verdict> verdicts, int limit) {
    this(fromSeq, toSeq, fromNanos, toNanos, verdicts, null, null, limit);
  }

  boolean before(FrameRecord r) {
    return (fromSeq != null && r.seq() < fromSeq)
        || (fromNanos != null && r.capturedAtNanos() < fromNanos);
  }

  boolean after(FrameRecord r) {
    return (toSeq != null && r.seq() > toSeq) || (toNanos != null && r.capturedAtNanos() > toNanos);
  }

  boolean wants(FrameRecord r) {
    return (verdicts.isEmpty() || verdicts.contains(r.verdict()))
        && (display == null || display == r.display());
  }
}

package dev.ironcliw.daemon.journal;

import dev.ironcliw.daemon.journal.record.FrameRecord;
import java.util.List;

/**
 * One page of journal records.
 *
 * @param frames the records, in sequence order
 * @param nextSeq where the next page starts, or null when there is none
 */
public record FramePage(List<FrameRecord> frames, Long nextSeq) {
  public FramePage {
    frames = List.copyOf(frames);
  }
}

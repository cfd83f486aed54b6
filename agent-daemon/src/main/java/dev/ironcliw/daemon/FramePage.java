package dev.ironcliw.daemon;

import java.util.List;

/**
 * One page of journal records.
 *
 * @param frames the records, in sequence order
 * @param nextSeq where the next page starts, or null when there is none
 */
record FramePage(List<FrameRecord> frames, Long nextSeq) {
  FramePage {
    frames = List.copyOf(frames);
  }
}

package dev.ironcliw.daemon.journal;

import dev.ironcliw.daemon.journal.record.ForgetEventRecord.SeqRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames the user had forgotten, as ranges of sequence numbers: queries pass over them. Few
 * ranges (one or a few per forget), so a list searched in order. Thread-safe.
 */
final class ForgottenFrames {
  private volatile List<SeqRange> ranges = List.of();

  synchronized void add(List<SeqRange> more) {
    List<SeqRange> all = new ArrayList<>(ranges);
    all.addAll(more);
    ranges = List.copyOf(all);
  }

  boolean contains(long seq) {
    for (SeqRange range : ranges) {
      if (range.contains(seq)) {
        return true;
      }
    }
    return false;
  }

  boolean isEmpty() {
    return ranges.isEmpty();
  }
}

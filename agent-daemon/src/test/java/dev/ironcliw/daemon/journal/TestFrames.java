package dev.ironcliw.daemon.journal;

import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.dedup.Verdict;
import java.util.List;

/** Frame records for journal tests: every tenth a forwarded CHANGE, the rest duplicates. */
final class TestFrames {
  private TestFrames() {}

  static FrameRecord frame(long seq, long atMillis) {
    return new FrameRecord(
        seq,
        atMillis * 1_000_000L,
        "synthetic",
        seq % 10 == 0 ? Verdict.CHANGE : Verdict.DUPLICATE,
        seq % 10 == 0,
        seq % 10 == 0 ? 4 : 0,
        320,
        180,
        seq,
        seq * 31,
        0,
        List.of(),
        0,
        0,
        -1,
        List.of(),
        new byte[64]);
  }
}

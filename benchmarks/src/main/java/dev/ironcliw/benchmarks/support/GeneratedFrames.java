package dev.ironcliw.benchmarks.support;

import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.dedup.Verdict;
import java.util.List;

/** Frame records as the pipeline journals a 1920x1080 capture, for journals written by runs. */
public final class GeneratedFrames {
  private GeneratedFrames() {}

  /**
   * Frame {@code seq}: every tenth a CHANGE of 12 tiles, forwarded; the others DUPLICATEs. No
   * regions or features.
   */
  public static FrameRecord record(
      long seq, long capturedAtNanos, String source, byte[] descriptor) {
    boolean change = seq % 10 == 0;
    return new FrameRecord(
        seq,
        capturedAtNanos,
        source,
        change ? Verdict.CHANGE : Verdict.DUPLICATE,
        change,
        change ? 12 : 0,
        1920,
        1080,
        seq,
        seq * 0x9E3779B97F4A7C15L,
        1.5,
        List.of(),
        0,
        0,
        -1,
        List.of(),
        descriptor);
  }
}

package dev.ironcliw.daemon.journal.record;

import java.util.List;

/**
 * The user had the history forget a span, or an application's part of it: when, which span, and
 * what went; never what it held (not even the application's name). The frames it hid are kept as
 * ranges of sequence numbers, so that they stay hidden after a restart.
 *
 * @param timeNanos when, in epoch nanoseconds
 * @param fromNanos the span's start, epoch nanoseconds (rounded down to its minute)
 * @param toNanos the span's end, epoch nanoseconds (rounded up to its minute's end)
 * @param byApp whether only one application's part was forgotten
 * @param dataKeys the data keys destroyed
 * @param hiddenSeqs the frames hidden, as [first, last] ranges of sequence numbers
 */
public record ForgetEventRecord(
    long timeNanos,
    long fromNanos,
    long toNanos,
    boolean byApp,
    int dataKeys,
    List<SeqRange> hiddenSeqs)
    implements JournalEvent {
  /** Frames {@code first} to {@code last}, both included. */
  public record SeqRange(long first, long last) {
    public boolean contains(long seq) {
      return seq >= first && seq <= last;
    }
  }

  public ForgetEventRecord {
    hiddenSeqs = List.copyOf(hiddenSeqs);
  }

  /** The frames hidden. */
  public long hiddenFrames() {
    return hiddenSeqs.stream().mapToLong(r -> r.last() - r.first() + 1).sum();
  }
}

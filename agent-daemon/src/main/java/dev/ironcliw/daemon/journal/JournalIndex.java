package dev.ironcliw.daemon.journal;

import java.util.Arrays;
import java.util.TreeMap;
import java.util.function.LongToIntFunction;

/**
 * A sparse in-memory index of the journal: every {@link #STRIDE}th record's sequence, capture time
 * and queue index, so a page lookup jumps near its start and scans at most a stride. Rebuilt by
 * scanning the journal at start, trimmed when retention deletes cycles. Thread-safe (appended by
 * the pipeline, read by API workers).
 */
final class JournalIndex {
  static final int STRIDE = 64;

  private final LongToIntFunction cycleOf;

  /** Frame records per cycle, so deleting a cycle knows how many records went with it. */
  private final TreeMap<Integer, Long> recordsPerCycle = new TreeMap<>();

  /**
   * The newest cycle's records, counted here and moved into {@link #recordsPerCycle} when the cycle
   * changes or cycles are dropped: an append boxes no count.
   */
  private int countingCycle = Integer.MIN_VALUE;

  private long countedRecords;

  private long[] seqs = new long[256];
  private long[] times = new long[256];
  private long[] queueIndexes = new long[256];
  private int entries;
  private long records;
  private long lastSeq = -1;
  private long lastTimeNanos = Long.MIN_VALUE;

  /**
   * @param cycleOf the cycle a queue index is in
   */
  JournalIndex(LongToIntFunction cycleOf) {
    this.cycleOf = cycleOf;
  }

  synchronized void add(long seq, long capturedAtNanos, long queueIndex) {
    if (records % STRIDE == 0) {
      if (entries == seqs.length) {
        seqs = Arrays.copyOf(seqs, entries * 2);
        times = Arrays.copyOf(times, entries * 2);
        queueIndexes = Arrays.copyOf(queueIndexes, entries * 2);
      }
      seqs[entries] = seq;
      // Times are kept non-decreasing so binary search stays valid if the wall clock stepped back.
      times[entries] =
          Math.max(capturedAtNanos, entries == 0 ? Long.MIN_VALUE : times[entries - 1]);
      queueIndexes[entries] = queueIndex;
      entries++;
    }
    records++;
    int cycle = cycleOf.applyAsInt(queueIndex);
    if (cycle != countingCycle) {
      moveCountToCycles();
      countingCycle = cycle;
    }
    countedRecords++;
    lastSeq = seq;
    lastTimeNanos = capturedAtNanos;
  }

  /**
   * The queue index to start scanning from for records at or after {@code seq} and {@code
   * timeNanos} (either may be null), or -1 to start at the beginning.
   */
  synchronized long startFor(Long seq, Long timeNanos) {
    int bySeq = seq == null ? entries - 1 : floor(seqs, seq);
    int byTime = timeNanos == null ? entries - 1 : floor(times, timeNanos);
    int entry = Math.min(bySeq, byTime);
    if (seq == null && timeNanos == null) {
      entry = -1;
    }
    return entry < 0 ? -1 : queueIndexes[entry];
  }

  /** Forgets the entries and records of every cycle before {@code firstKept}. */
  synchronized void dropCyclesBefore(int firstKept) {
    int keepFrom = 0;
    while (keepFrom < entries && cycleOf.applyAsInt(queueIndexes[keepFrom]) < firstKept) {
      keepFrom++;
    }
    int kept = entries - keepFrom;
    System.arraycopy(seqs, keepFrom, seqs, 0, kept);
    System.arraycopy(times, keepFrom, times, 0, kept);
    System.arraycopy(queueIndexes, keepFrom, queueIndexes, 0, kept);
    entries = kept;
    moveCountToCycles();
    var dropped = recordsPerCycle.headMap(firstKept);
    records -= dropped.values().stream().mapToLong(Long::longValue).sum();
    dropped.clear();
  }

  private void moveCountToCycles() {
    if (countedRecords > 0) {
      recordsPerCycle.merge(countingCycle, countedRecords, Long::sum);
      countedRecords = 0;
    }
  }

  private int floor(long[] keys, long key) {
    int low = 0;
    int high = entries - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (keys[mid] <= key) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** The sequence of the oldest indexed record (within a stride of the oldest), -1 when empty. */
  synchronized long firstSeq() {
    return entries == 0 ? -1 : seqs[0];
  }

  synchronized long records() {
    return records;
  }

  synchronized long lastSeq() {
    return lastSeq;
  }

  synchronized long lastTimeNanos() {
    return lastTimeNanos;
  }
}

package dev.ironcliw.daemon.journal;

import java.util.Arrays;

/**
 * Every {@code CHANGE} frame in the journal, in memory as parallel arrays (seq, capture time,
 * display: 17 bytes a change), so the timeline's density and the step to the previous or next
 * change cost no journal read. Frames arrive in sequence order (the pipeline thread, or the rebuild
 * at start). Thread-safe.
 */
public final class ChangeTimeline {
  /** A change: its frame, when it was captured, on which display. */
  public record Change(long seq, long capturedAtNanos, int display) {}

  /**
   * Changes counted into equal buckets of time, with the first and last change of each.
   *
   * @param changes per bucket
   * @param firstSeq per bucket, the seq of its first change, or -1
   * @param lastSeq per bucket, the seq of its last change, or -1
   */
  public record Density(int[] changes, long[] firstSeq, long[] lastSeq) {}

  private long[] seqs = new long[1024];
  private long[] times = new long[1024];
  private byte[] displays = new byte[1024];
  private int size;

  synchronized void add(long seq, long capturedAtNanos, int display) {
    if (size == seqs.length) {
      seqs = Arrays.copyOf(seqs, size * 2);
      times = Arrays.copyOf(times, size * 2);
      displays = Arrays.copyOf(displays, size * 2);
    }
    seqs[size] = seq;
    // Kept non-decreasing so binary search stays valid if the wall clock stepped back.
    times[size] = size == 0 ? capturedAtNanos : Math.max(capturedAtNanos, times[size - 1]);
    displays[size] = (byte) display;
    size++;
  }

  /** Forgets the changes before {@code firstKeptSeq} (retention deleted their days). */
  synchronized void dropBefore(long firstKeptSeq) {
    int from = 0;
    while (from < size && seqs[from] < firstKeptSeq) {
      from++;
    }
    System.arraycopy(seqs, from, seqs, 0, size - from);
    System.arraycopy(times, from, times, 0, size - from);
    System.arraycopy(displays, from, displays, 0, size - from);
    size -= from;
  }

  /** Forgets the changes of the frames {@code forgotten} names (the user had them forgotten). */
  synchronized void forget(java.util.function.LongPredicate forgotten) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (!forgotten.test(seqs[i])) {
        seqs[kept] = seqs[i];
        times[kept] = times[i];
        displays[kept] = displays[i];
        kept++;
      }
    }
    size = kept;
  }

  /**
   * The changes of {@code display} (all displays when negative) in {@code buckets} equal parts of
   * [{@code fromNanos}, {@code toNanos}).
   */
  public synchronized Density density(long fromNanos, long toNanos, int buckets, int display) {
    int[] changes = new int[buckets];
    long[] first = new long[buckets];
    long[] last = new long[buckets];
    Arrays.fill(first, -1);
    Arrays.fill(last, -1);
    double bucketNanos = (double) (toNanos - fromNanos) / buckets;
    for (int i = firstAtOrAfter(fromNanos); i < size && times[i] < toNanos; i++) {
      if (display >= 0 && displays[i] != display) {
        continue;
      }
      int bucket = (int) Math.min(buckets - 1, (times[i] - fromNanos) / bucketNanos);
      if (changes[bucket]++ == 0) {
        first[bucket] = seqs[i];
      }
      last[bucket] = seqs[i];
    }
    return new Density(changes, first, last);
  }

  /** The newest change of {@code display} (any when negative) at or before the time, or null. */
  public synchronized Change atOrBefore(long timeNanos, int display) {
    for (int i = firstAtOrAfter(timeNanos + 1) - 1; i >= 0; i--) {
      if (display < 0 || displays[i] == display) {
        return change(i);
      }
    }
    return null;
  }

  /** The newest change of {@code display} (any when negative) at or before frame {@code seq}. */
  public synchronized Change atOrBeforeSeq(long seq, int display) {
    int i = indexOfSeq(seq);
    if (i < size && seqs[i] == seq) {
      i++;
    }
    for (i--; i >= 0; i--) {
      if (display < 0 || displays[i] == display) {
        return change(i);
      }
    }
    return null;
  }

  /** The change of {@code display} (any when negative) just before frame {@code seq}, or null. */
  public synchronized Change before(long seq, int display) {
    for (int i = indexOfSeq(seq) - 1; i >= 0; i--) {
      if (display < 0 || displays[i] == display) {
        return change(i);
      }
    }
    return null;
  }

  /** The change of {@code display} (any when negative) just after frame {@code seq}, or null. */
  public synchronized Change after(long seq, int display) {
    int i = indexOfSeq(seq);
    if (i < size && seqs[i] == seq) {
      i++;
    }
    for (; i < size; i++) {
      if (display < 0 || displays[i] == display) {
        return change(i);
      }
    }
    return null;
  }

  /** The displays that have changes, lowest first. */
  public synchronized int[] displays() {
    boolean[] seen = new boolean[256];
    for (int i = 0; i < size; i++) {
      seen[displays[i] & 0xff] = true;
    }
    int[] found = new int[256];
    int n = 0;
    for (int d = 0; d < seen.length; d++) {
      if (seen[d]) {
        found[n++] = d;
      }
    }
    return Arrays.copyOf(found, n);
  }

  public synchronized int size() {
    return size;
  }

  private Change change(int i) {
    return new Change(seqs[i], times[i], displays[i] & 0xff);
  }

  /** The first index whose time is at or after {@code timeNanos} ({@code size} when none). */
  private int firstAtOrAfter(long timeNanos) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (times[mid] < timeNanos) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The first index whose seq is at or after {@code seq} ({@code size} when none). */
  private int indexOfSeq(long seq) {
    int found = Arrays.binarySearch(seqs, 0, size, seq);
    return found >= 0 ? found : -found - 1;
  }
}

package dev.ironcliw.dedup;

import org.agrona.collections.Long2LongHashMap;

/**
 * Exact fingerprints seen within a time window: a FIFO of (time, fingerprint) and a count per
 * fingerprint, so "seen in the last N minutes" is one hash lookup and old entries age out in order.
 * At most {@code maxEntries} are kept: past that the oldest go early, which can only turn a REVISIT
 * into a CHANGE, never the other way. Used by one thread.
 */
final class RecentFingerprints {
  /** Bytes one entry costs: 16 in the FIFO, about 32 in the count map at its load factor. */
  static final int BYTES_PER_ENTRY = 48;

  private final long windowNanos;
  private int maxEntries;
  private final Long2LongHashMap counts = new Long2LongHashMap(0);
  private long[] times = new long[1024];
  private long[] fingerprints = new long[1024];
  private int head;
  private int size;

  RecentFingerprints(long windowNanos, int maxEntries) {
    this.windowNanos = windowNanos;
    this.maxEntries = Math.max(1, maxEntries);
  }

  boolean contains(long fingerprint, long nowNanos) {
    expire(nowNanos);
    return counts.get(fingerprint) > 0;
  }

  void add(long fingerprint, long nowNanos) {
    expire(nowNanos);
    if (size == maxEntries) {
      removeOldest();
    }
    if (size == times.length) {
      grow();
    }
    int tail = (head + size) % times.length;
    times[tail] = nowNanos;
    fingerprints[tail] = fingerprint;
    size++;
    counts.put(fingerprint, counts.get(fingerprint) + 1);
  }

  /** Keeps at most {@code entries} from now on, dropping the oldest now if there are more. */
  void setMaxEntries(int entries) {
    maxEntries = Math.max(1, entries);
    while (size > maxEntries) {
      removeOldest();
    }
    if (times.length > Math.max(1024, maxEntries)) {
      moveTo(Math.max(1024, maxEntries));
    }
  }

  int size() {
    return size;
  }

  private void expire(long nowNanos) {
    while (size > 0 && nowNanos - times[head] > windowNanos) {
      removeOldest();
    }
  }

  private void removeOldest() {
    long fp = fingerprints[head];
    long left = counts.get(fp) - 1;
    if (left <= 0) {
      counts.remove(fp);
    } else {
      counts.put(fp, left);
    }
    head = (head + 1) % times.length;
    size--;
  }

  private void grow() {
    moveTo((int) Math.min(maxEntries, times.length * 2L));
  }

  private void moveTo(int capacity) {
    long[] newTimes = new long[capacity];
    long[] newFingerprints = new long[capacity];
    for (int i = 0; i < size; i++) {
      newTimes[i] = times[(head + i) % times.length];
      newFingerprints[i] = fingerprints[(head + i) % times.length];
    }
    times = newTimes;
    fingerprints = newFingerprints;
    head = 0;
  }
}

package dev.ironcliw.daemon.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * The journal queue indexes of one kind of record that is few (insights, capture and pressure
 * events), oldest first, so a listing reads only those records instead of scanning the journal.
 * Thread-safe.
 */
final class RecordIndexes {
  private final List<Long> indexes = new ArrayList<>();

  synchronized void add(long queueIndex) {
    indexes.add(queueIndex);
  }

  synchronized List<Long> snapshot() {
    return List.copyOf(indexes);
  }

  /** Forgets the records before {@code firstKeptIndex} (retention deleted their cycles). */
  synchronized void dropBefore(long firstKeptIndex) {
    indexes.removeIf(i -> i < firstKeptIndex);
  }

  synchronized int size() {
    return indexes.size();
  }
}

package dev.ironcliw.daemon.journal;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Whether Chronicle's index of each cycle still points at the records a read from the start finds.
 * Chronicle keeps the position of every {@code indexSpacing}th record in index arrays inside the
 * cycle file; a damaged array makes {@code moveToIndex} land on the wrong record or fail, and the
 * file's framing, which the check at start reads, does not show it. While the index is rebuilt,
 * each indexed record's fingerprint is noted ({@link #saw}); then each is looked up by its index
 * and compared.
 */
final class ChronicleIndexCheck {
  private static final int FINGERPRINT_BYTES = 32;

  private final RollCycle rollCycle;
  private final int indexSpacing;
  private long[] indexes = new long[64];
  private long[] fingerprints = new long[64];
  private int samples;

  ChronicleIndexCheck(RollCycle rollCycle, int indexSpacing) {
    this.rollCycle = rollCycle;
    this.indexSpacing = indexSpacing;
  }

  /** Notes the record at {@code queueIndex} when Chronicle indexes it; leaves it unread. */
  void saw(long queueIndex, Bytes<?> payload) {
    if (rollCycle.toSequenceNumber(queueIndex) % indexSpacing != 0) {
      return;
    }
    if (samples == indexes.length) {
      indexes = Arrays.copyOf(indexes, samples * 2);
      fingerprints = Arrays.copyOf(fingerprints, samples * 2);
    }
    indexes[samples] = queueIndex;
    fingerprints[samples] = fingerprint(payload);
    samples++;
  }

  /** The cycles where looking a noted record up by its index does not find it. */
  Set<Integer> cyclesNotMatching(ExcerptTailer tailer) {
    Set<Integer> bad = new TreeSet<>();
    for (int i = 0; i < samples; i++) {
      int cycle = rollCycle.toCycle(indexes[i]);
      if (!bad.contains(cycle) && !finds(tailer, indexes[i], fingerprints[i])) {
        bad.add(cycle);
      }
    }
    return bad;
  }

  private static boolean finds(ExcerptTailer tailer, long queueIndex, long fingerprint) {
    try {
      if (!tailer.moveToIndex(queueIndex)) {
        return false;
      }
      try (DocumentContext dc = tailer.readingDocument()) {
        return dc.isPresent()
            && dc.index() == queueIndex
            && fingerprint(dc.wire().bytes()) == fingerprint;
      }
    } catch (RuntimeException damaged) {
      return false;
    }
  }

  /** A hash of the payload's length and first bytes, read in place. */
  private static long fingerprint(Bytes<?> payload) {
    long start = payload.readPosition();
    long length = payload.readRemaining();
    long hash = length;
    for (long i = 0; i < Math.min(FINGERPRINT_BYTES, length); i++) {
      hash = hash * 31 + payload.readByte(start + i);
    }
    return hash;
  }
}

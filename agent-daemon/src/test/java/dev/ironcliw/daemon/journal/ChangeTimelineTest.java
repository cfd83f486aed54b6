package dev.ironcliw.daemon.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ironcliw.daemon.journal.ChangeTimeline.Change;
import dev.ironcliw.daemon.journal.ChangeTimeline.Density;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import java.nio.file.Path;
import java.time.Instant;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's changes in memory for the timeline: counted into buckets per display, the change at
 * a moment and the ones either side, the same after a restart (rebuilt from the records).
 */
class ChangeTimelineTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final long MS = 1_000_000L;

  @TempDir Path dir;

  /** Frame seq at T0 + seq * 100 ms; every tenth a CHANGE, on display 1 when seq % 20 == 10. */
  private static FrameRecord frame(long seq) {
    FrameRecord f = TestFrames.frame(seq, T0.toEpochMilli() + seq * 100);
    int display = seq % 20 == 10 ? 1 : 0;
    return new FrameRecord(
        f.seq(),
        f.capturedAtNanos(),
        f.source(),
        f.verdict(),
        f.forwarded(),
        f.changedTiles(),
        f.width(),
        f.height(),
        f.ringPosition(),
        f.fingerprint(),
        f.magnitude(),
        f.regions(),
        display,
        f.maskedRegions(),
        f.damageRects(),
        f.features(),
        f.descriptor());
  }

  private static long t(long millis) {
    return (T0.toEpochMilli() + millis) * MS;
  }

  @Test
  void shouldCountChangesPerDisplayAndStepBetweenThem() {
    SetTimeProvider clock = new SetTimeProvider(T0);
    try (Journal journal = Journal.open(dir, 1 << 20, clock)) {
      for (long seq = 0; seq < 100; seq++) {
        journal.append(frame(seq));
      }
      check(journal.changes());
    }
    try (Journal reopened = Journal.open(dir, 1 << 20, clock)) {
      check(reopened.changes());
    }
  }

  private static void check(ChangeTimeline changes) {
    assertEquals(10, changes.size()); // seq 0, 10, ..., 90
    assertArrayEquals(new int[] {0, 1}, changes.displays());
    // Ten seconds in five buckets of two: seq 0-19 in the first, and so on.
    Density all = changes.density(t(0), t(10_000), 5, -1);
    assertArrayEquals(new int[] {2, 2, 2, 2, 2}, all.changes());
    assertArrayEquals(new long[] {0, 20, 40, 60, 80}, all.firstSeq());
    assertArrayEquals(new long[] {10, 30, 50, 70, 90}, all.lastSeq());
    Density second = changes.density(t(0), t(10_000), 5, 1);
    assertArrayEquals(new int[] {1, 1, 1, 1, 1}, second.changes());
    assertArrayEquals(new long[] {10, 30, 50, 70, 90}, second.firstSeq());

    assertEquals(new Change(30, t(3000), 1), changes.atOrBefore(t(3999), -1));
    assertEquals(new Change(40, t(4000), 0), changes.atOrBefore(t(4000), -1));
    assertEquals(new Change(20, t(2000), 0), changes.atOrBefore(t(3999), 0));
    assertNull(changes.atOrBefore(t(-1), -1));
    assertEquals(new Change(40, t(4000), 0), changes.atOrBeforeSeq(45, -1));
    assertEquals(new Change(30, t(3000), 1), changes.before(40, -1));
    assertEquals(new Change(50, t(5000), 1), changes.after(40, -1));
    assertEquals(new Change(60, t(6000), 0), changes.after(40, 0));
    assertNull(changes.after(90, -1));
    assertNull(changes.before(0, -1));
  }

  @Test
  void shouldForgetTheChangesRetentionDeleted() {
    ChangeTimeline changes = new ChangeTimeline();
    for (long seq = 0; seq < 50; seq += 10) {
      changes.add(seq, t(seq * 100), 0);
    }
    changes.dropBefore(25);
    assertEquals(2, changes.size());
    assertEquals(30, changes.after(-1, -1).seq());
    assertNull(changes.before(30, -1));
  }
}

package dev.ironcliw.daemon.journal;

import static dev.ironcliw.daemon.journal.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The focused window in the journal: a context event only when it changes, each frame's window
 * found from them, spans with their frames counted, the {@code app} filter, and all of it rebuilt
 * the same after a restart.
 */
class JournalContextTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  @TempDir Path dir;

  private static long at(long millis) {
    return T0.toEpochMilli() + millis;
  }

  @Test
  void shouldGiveEachFrameTheWindowThatHadTheFocusAndCountSpans() {
    SetTimeProvider clock = new SetTimeProvider(T0);
    try (Journal journal = Journal.open(dir, 1 << 20, clock)) {
      journal.append(frame(0, at(0))); // before any context: unknown
      journal.append(new ContextEventRecord(at(50) * 1_000_000L, 1, 0, "XTerm", "bash", false));
      for (long seq = 1; seq <= 20; seq++) {
        journal.append(frame(seq, at(seq * 100)));
      }
      journal.append(new ContextEventRecord(at(2050) * 1_000_000L, 21, 0, "", "", true));
      for (long seq = 21; seq <= 25; seq++) {
        journal.append(frame(seq, at(seq * 100)));
      }
      journal.append(new ContextEventRecord(at(2550) * 1_000_000L, 26, 1, "Gedit", "notes", false));
      for (long seq = 26; seq <= 30; seq++) {
        journal.append(frame(seq, at(seq * 100)));
      }
      check(journal);
    }
    try (Journal reopened = Journal.open(dir, 1 << 20, clock)) {
      check(reopened);
    }
  }

  private static void check(Journal journal) {
    assertNull(journal.contextOf(0));
    assertEquals("XTerm", journal.contextOf(1).app());
    assertEquals("bash", journal.contextOf(20).window());
    assertEquals(true, journal.contextOf(21).excluded());
    assertEquals("Gedit", journal.contextOf(30).app());

    List<ActivitySpan> spans = journal.activity(null, null, 100);
    assertEquals(3, spans.size());
    assertEquals(
        new ActivitySpan(
            "XTerm", "bash", 0, false, 1, at(50) * 1_000_000L, at(2000) * 1_000_000L, 20, 2),
        spans.get(0)); // frames 10 and 20 are CHANGE
    assertEquals(5, spans.get(1).frames());
    assertEquals(true, spans.get(1).excluded());
    assertEquals(1, spans.get(2).display());
    assertEquals(
        List.of("Gedit"),
        journal.activity(at(2600) * 1_000_000L, null, 100).stream().map(ActivitySpan::app).toList(),
        "only the spans that reach into the range");

    List<Long> xterm =
        journal
            .query(new FrameQuery(null, null, null, null, Set.of(), null, "xterm", 100))
            .frames()
            .stream()
            .map(r -> r.seq())
            .toList();
    assertEquals(20, xterm.size());
    assertEquals(1L, xterm.getFirst());
    assertEquals(20L, xterm.getLast());
    assertEquals(
        3,
        journal.events(e -> e instanceof ContextEventRecord, null, null, 100).size(),
        "context events are events");
  }
}

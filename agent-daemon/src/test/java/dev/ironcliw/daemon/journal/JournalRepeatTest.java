package dev.ironcliw.daemon.journal;

import static dev.ironcliw.daemon.journal.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.daemon.journal.record.JournalRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repeated duplicate ({@link Journal#appendRepeat}) is journaled exactly as its own record would
 * be, found by seq and time, and given to a listener only while it wants frames.
 */
class JournalRepeatTest {
  @TempDir Path dir;

  @Test
  void shouldJournalARepeatAsTheRecordItStandsForAndTellOnlyAListenerThatWantsFrames() {
    FrameRecord template = frame(1, 1_000);
    List<JournalRecord> told = new ArrayList<>();
    boolean[] wants = {false};
    try (Journal journal = Journal.open(dir, 1 << 20)) {
      journal.onAppend(
          new Journal.Listener() {
            @Override
            public void appended(long queueIndex, JournalRecord record) {
              told.add(record);
            }

            @Override
            public boolean wantsFrames() {
              return wants[0];
            }
          });
      journal.append(template);
      journal.appendRepeat(template, 2, 1_100 * 1_000_000L);
      wants[0] = true;
      journal.appendRepeat(template, 3, 1_200 * 1_000_000L);

      assertEquals(List.of(template, template.repeatedAs(3, 1_200 * 1_000_000L)), told);
      assertEquals(template.repeatedAs(2, 1_100 * 1_000_000L), journal.find(2).orElseThrow());
      FramePage page =
          journal.query(
              new FrameQuery(null, null, 1_050 * 1_000_000L, null, Set.of(), null, null, 10));
      assertEquals(List.of(2L, 3L), page.frames().stream().map(FrameRecord::seq).toList());
    }
    try (Journal reopened = Journal.open(dir, 1 << 20)) {
      FrameRecord third = reopened.find(3).orElseThrow();
      assertEquals(template.repeatedAs(3, 1_200 * 1_000_000L), third);
      assertTrue(third.descriptor().length == 64, "the template's descriptor");
    }
  }
}

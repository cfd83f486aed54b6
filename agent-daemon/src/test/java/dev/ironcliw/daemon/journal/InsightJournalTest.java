package dev.ironcliw.daemon.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ironcliw.daemon.journal.codec.FrameRecordCodec;
import dev.ironcliw.daemon.journal.codec.InsightRecordCodec;
import dev.ironcliw.daemon.journal.record.InsightRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Insight records: their binary form, and the journal's listing of them across a restart. */
class InsightJournalTest {
  private static final long T0 = 1_700_000_000_000_000_000L;

  @TempDir Path dir;

  private static InsightRecord valid(long id, long atNanos) {
    return new InsightRecord(
        id,
        atNanos,
        List.of(10L, 11L),
        "anthropic",
        "claude-test",
        3,
        true,
        "writing a report",
        "editor",
        true,
        "the figure numbers skip 3",
        0.75,
        true,
        "",
        "",
        1200,
        45);
  }

  @Test
  void shouldReadBackEveryFieldOfAnInsightAndOfAnInvalidReply() {
    InsightRecord invalid =
        new InsightRecord(
            8,
            T0,
            List.of(5L),
            "openai",
            "llava",
            1,
            false,
            "",
            "",
            false,
            "",
            0,
            false,
            "no JSON object in the reply",
            "I see a terminal.",
            300,
            9);
    for (InsightRecord r : List.of(valid(7, T0), invalid)) {
      Bytes<?> bytes = Bytes.allocateElasticOnHeap();
      InsightRecordCodec.write(bytes, r);
      assertEquals(r, InsightRecordCodec.read(bytes));
    }
    Bytes<?> frame = Bytes.allocateElasticOnHeap();
    frame.writeByte(FrameRecordCodec.FRAME_RECORD);
    frame.writeByte(FrameRecordCodec.LAYOUT_VERSION);
    assertNull(InsightRecordCodec.read(frame), "another record kind is not an insight");
  }

  @Test
  void shouldListInsightsNewestFirstByTimeAndKeepTheirIdsAcrossARestart() throws Exception {
    var thread = Executors.newSingleThreadExecutor();
    try (Journal journal = Journal.open(dir)) {
      thread
          .submit(
              () -> {
                for (int i = 1; i <= 5; i++) {
                  journal.append(valid(i, T0 + i * 1_000_000_000L));
                }
                journal.closeInsightAppender();
              })
          .get(30, TimeUnit.SECONDS);
      assertEquals(
          List.of(5L, 4L, 3L, 2L, 1L),
          journal.insights(null, null, 100).stream().map(InsightRecord::id).toList());
      assertEquals(
          List.of(4L, 3L),
          journal.insights(T0 + 2_500_000_000L, T0 + 4_000_000_000L, 100).stream()
              .map(InsightRecord::id)
              .toList());
      assertEquals(2, journal.insights(null, null, 2).size());
    }
    try (Journal reopened = Journal.open(dir)) {
      assertEquals(5, reopened.lastInsightId());
      assertEquals(
          valid(3, T0 + 3_000_000_000L),
          reopened.insights(null, T0 + 3_000_000_000L, 1).getFirst());
    } finally {
      thread.shutdown();
    }
  }
}

package dev.ironcliw.daemon.journal;

import static dev.ironcliw.daemon.journal.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.HistorySettings;
import dev.ironcliw.daemon.journal.record.InsightRecord;
import dev.ironcliw.daemon.journal.record.RetentionEventRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention over a real Chronicle journal whose clock the test moves a day at a time: whole days
 * go, from the oldest, by age and by bytes, and every query answers from what is left.
 */
class JournalRetentionTest {
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  private static final int FRAMES_PER_DAY = 200;
  private static final Instant DAY0 = Instant.parse("2026-11-01T10:00:00Z");

  @TempDir Path dir;
  private final ExecutorService insightThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    insightThread.shutdownNow();
  }

  private static InsightRecord insight(long id, long atMillis) {
    return new InsightRecord(
        id,
        atMillis * 1_000_000L,
        List.of(id),
        "anthropic",
        "claude-test",
        1,
        true,
        "day " + id,
        "editor",
        false,
        "",
        0.5,
        false,
        "",
        "",
        10,
        10);
  }

  /** Writes {@code days} days of frames, and one insight a day; seqs from 0 on, day after day. */
  private void writeDays(Journal journal, SetTimeProvider clock, int days) throws Exception {
    long seq = 0;
    for (int day = 0; day < days; day++) {
      long dayStart = DAY0.toEpochMilli() + day * DAY_MILLIS;
      clock.currentTimeMillis(dayStart);
      for (int i = 0; i < FRAMES_PER_DAY; i++) {
        journal.append(frame(seq++, dayStart + i * 100L));
      }
      long id = day + 1;
      insightThread.submit(() -> journal.append(insight(id, dayStart))).get(10, TimeUnit.SECONDS);
    }
  }

  private static HistorySettings limits(Duration maxAge, long maxBytes) {
    return new HistorySettings(
        maxAge,
        maxBytes,
        Duration.ofMinutes(1),
        1280,
        0.7,
        Duration.ofSeconds(2),
        1 << 20,
        1 << 20);
  }

  private static List<Long> allSeqs(Journal journal) {
    List<Long> seqs = new ArrayList<>();
    Long cursor = null;
    do {
      FramePage page = journal.query(new FrameQuery(cursor, null, null, null, Set.of(), 1000));
      page.frames().forEach(r -> seqs.add(r.seq()));
      cursor = page.nextSeq();
    } while (cursor != null);
    return seqs;
  }

  @Test
  void shouldDeleteTheOldestDaysWhileOverTheByteBudgetAndAnswerFromTheRest() throws Exception {
    SetTimeProvider clock = new SetTimeProvider(DAY0);
    try (Journal journal = Journal.open(dir, 1 << 20, clock)) {
      writeDays(journal, clock, 5);
      List<JournalCycle> cycles = journal.cycles();
      assertEquals(5, cycles.size(), cycles.toString());
      long oneDayBytes = cycles.getFirst().bytes();
      System.out.printf(
          "journal: %d days, %d bytes per day file (%d frames)%n",
          cycles.size(), oneDayBytes, FRAMES_PER_DAY);

      // Room for two days and a bit: the three oldest go.
      JournalRetention retention =
          new JournalRetention(journal, () -> limits(Duration.ofDays(365), oneDayBytes * 5 / 2));
      List<JournalCycle> deleted = retention.run();
      assertEquals(
          cycles.subList(0, 3).stream().map(JournalCycle::cycle).toList(),
          deleted.stream().map(JournalCycle::cycle).toList());
      cycles.subList(0, 3).forEach(c -> assertTrue(Files.notExists(c.file()), c.file() + " gone"));
      assertEquals(2, journal.cycles().size());
      assertEquals(2L * oneDayBytes, retention.diskBytes());
      assertEquals(3, retention.cyclesDeleted());
      RetentionEventRecord journaled = journal.retentionEvents().getFirst();
      assertEquals(3, journaled.days(), "the deletion is in the history it shortened");
      assertEquals(3L * oneDayBytes, journaled.bytes());
      assertEquals("20261101F.cq4, 20261102F.cq4, 20261103F.cq4", journaled.files());
      assertTrue(
          journaled.limits().contains("maxBytes " + oneDayBytes * 5 / 2), journaled.limits());

      long firstKept = 3L * FRAMES_PER_DAY;
      List<Long> seqs = allSeqs(journal);
      assertEquals(2 * FRAMES_PER_DAY, seqs.size());
      assertEquals(firstKept, seqs.getFirst());
      assertEquals(5L * FRAMES_PER_DAY - 1, seqs.getLast());
      assertEquals(2L * FRAMES_PER_DAY, journal.records());
      assertTrue(journal.find(firstKept - 1).isEmpty(), "a deleted day's frame is not found");
      assertEquals(firstKept, journal.find(firstKept).orElseThrow().seq());
      assertEquals(
          firstKept,
          journal
              .query(new FrameQuery(5L, null, null, null, Set.of(), 1))
              .frames()
              .getFirst()
              .seq(),
          "a start inside deleted days begins at the oldest kept frame");
      long day3Noon = DAY0.toEpochMilli() + 3 * DAY_MILLIS + 10_000;
      assertEquals(
          firstKept + 100,
          journal
              .query(new FrameQuery(null, null, day3Noon * 1_000_000L, null, Set.of(), 1))
              .frames()
              .getFirst()
              .seq());
      assertEquals(
          List.of(5L, 4L),
          journal.insights(null, null, 100).stream().map(InsightRecord::id).toList());

      // A budget below one day keeps the day being written.
      new JournalRetention(journal, () -> limits(Duration.ofDays(365), 1)).run();
      assertEquals(1, journal.cycles().size());
      assertEquals(FRAMES_PER_DAY, allSeqs(journal).size());

      // Writing goes on in the kept day and the next.
      clock.advanceMillis(DAY_MILLIS);
      journal.append(frame(5L * FRAMES_PER_DAY, clock.currentTimeMillis()));
      assertEquals(FRAMES_PER_DAY + 1, allSeqs(journal).size());
    }
    try (Journal reopened = Journal.open(dir, 1 << 20, clock)) {
      assertEquals(FRAMES_PER_DAY + 1, reopened.records(), "the index rebuilt from what is left");
      assertEquals(
          List.of(5L), reopened.insights(null, null, 100).stream().map(InsightRecord::id).toList());
    }
  }

  @Test
  void shouldDeleteDaysThatEndedLongerAgoThanTheMaximumAge() throws Exception {
    SetTimeProvider clock = new SetTimeProvider(DAY0);
    try (Journal journal = Journal.open(dir, 1 << 20, clock)) {
      writeDays(journal, clock, 4);
      clock.advanceMillis(DAY_MILLIS / 2);
      // Days 0 and 1 ended more than 36 h ago; day 2 ended less than that.
      List<JournalCycle> deleted =
          new JournalRetention(journal, () -> limits(Duration.ofHours(36), Long.MAX_VALUE)).run();
      assertEquals(2, deleted.size());
      assertEquals(2L * FRAMES_PER_DAY, allSeqs(journal).getFirst());
      assertEquals(List.of(2), journal.retentionEvents().stream().map(e -> e.days()).toList());
      assertTrue(
          new JournalRetention(journal, () -> limits(Duration.ofHours(36), Long.MAX_VALUE))
              .run()
              .isEmpty(),
          "nothing more is old enough");
    }
  }

  @Test
  void shouldNeverLetAReadSeeHalfOfADeletedDay() throws Exception {
    SetTimeProvider clock = new SetTimeProvider(DAY0);
    try (Journal journal = Journal.open(dir, 1 << 20, clock)) {
      writeDays(journal, clock, 6);
      AtomicBoolean done = new AtomicBoolean();
      ExecutorService readers = Executors.newFixedThreadPool(2);
      List<Future<Long>> pages = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        pages.add(
            readers.submit(
                () -> {
                  long reads = 0;
                  while (!done.get()) {
                    List<Long> seqs = allSeqs(journal);
                    // Whole days only: a day's first frame starts it, and no frame is missing.
                    assertEquals(0, seqs.getFirst() % FRAMES_PER_DAY, seqs.getFirst().toString());
                    assertEquals(6L * FRAMES_PER_DAY - seqs.getFirst(), seqs.size());
                    reads++;
                  }
                  return reads;
                }));
      }
      long oneDayBytes = journal.cycles().getFirst().bytes();
      for (int keep = 5; keep >= 1; keep--) {
        Thread.sleep(50);
        long budget = keep * oneDayBytes;
        new JournalRetention(journal, () -> limits(Duration.ofDays(365), budget)).run();
        assertEquals(keep, journal.cycles().size());
      }
      done.set(true);
      long reads = 0;
      for (Future<Long> f : pages) {
        reads += f.get(30, TimeUnit.SECONDS);
      }
      readers.shutdown();
      assertTrue(reads > 0, "the readers ran");
      System.out.println("concurrent full reads while 5 days were deleted: " + reads);
    }
  }
}

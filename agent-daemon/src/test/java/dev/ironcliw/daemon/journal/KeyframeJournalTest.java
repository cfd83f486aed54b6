package dev.ironcliw.daemon.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.HistorySettings;
import dev.ironcliw.daemon.journal.codec.CaptureEventCodec;
import dev.ironcliw.daemon.journal.codec.KeyframeCodec;
import dev.ironcliw.daemon.journal.record.CaptureEventRecord;
import dev.ironcliw.daemon.journal.record.KeyframeRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyframes in the journal: their binary form, lookup by seq, across a restart and retention. */
class KeyframeJournalTest {
  @TempDir Path dir;

  private static KeyframeRecord keyframe(long seq, long atMillis) {
    byte[] jpeg = new byte[1000 + (int) seq];
    for (int i = 0; i < jpeg.length; i++) {
      jpeg[i] = (byte) (i * 7 + seq);
    }
    return new KeyframeRecord(seq, atMillis * 1_000_000L, 1920, 1080, 1280, 720, jpeg);
  }

  @Test
  void shouldReadBackAKeyframeAndRefuseOtherRecords() {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap();
    KeyframeRecord written = keyframe(42, 1_700_000_000_000L);
    KeyframeCodec.write(bytes, written);
    assertEquals(42, KeyframeCodec.peekSeq(bytes));
    assertEquals(written, KeyframeCodec.read(bytes));
    Bytes<?> other = Bytes.allocateElasticOnHeap();
    CaptureEventCodec.write(other, new CaptureEventRecord(1, 0, true, "x"));
    assertEquals(-1, KeyframeCodec.peekSeq(other));
    assertNull(KeyframeCodec.read(other));
  }

  @Test
  void shouldFindKeyframesBySeqAfterARestartAndDropThemWithTheirDay() throws Exception {
    Instant day0 = Instant.parse("2026-11-01T10:00:00Z");
    SetTimeProvider clock = new SetTimeProvider(day0);
    ExecutorService keyframeThread = Executors.newSingleThreadExecutor();
    try (Journal journal = Journal.open(dir, 1 << 20, clock)) {
      for (int day = 0; day < 2; day++) {
        long at = day0.toEpochMilli() + day * Duration.ofDays(1).toMillis();
        clock.currentTimeMillis(at);
        long seq = day * 100L;
        keyframeThread.submit(() -> journal.append(keyframe(seq, at))).get(10, TimeUnit.SECONDS);
      }
      keyframeThread.submit(journal::closeKeyframeAppender).get(10, TimeUnit.SECONDS);
      assertArrayEquals(keyframe(100, 0).jpeg(), journal.keyframe(100).orElseThrow().jpeg());
      assertTrue(journal.keyframe(50).isEmpty());
      assertEquals(0, journal.keyframeAtOrBefore(50));
    }
    try (Journal reopened = Journal.open(dir, 1 << 20, clock)) {
      assertEquals(2, reopened.keyframes(), "the index is rebuilt at start");
      assertEquals(720, reopened.keyframe(0).orElseThrow().height());
      List<JournalCycle> deleted =
          new JournalRetention(
                  reopened,
                  () ->
                      new HistorySettings(
                          Duration.ofDays(365),
                          1,
                          Duration.ofMinutes(1),
                          1280,
                          0.7,
                          Duration.ofSeconds(2),
                          1 << 20,
                          1 << 20))
              .run();
      assertEquals(1, deleted.size());
      assertTrue(reopened.keyframe(0).isEmpty(), "gone with its day");
      assertEquals(-1, reopened.keyframeAtOrBefore(50));
      assertEquals(100, reopened.keyframe(100).orElseThrow().seq());
    } finally {
      keyframeThread.shutdown();
    }
  }
}

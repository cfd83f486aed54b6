package dev.ironcliw.daemon.journal;

import static dev.ironcliw.daemon.journal.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.privacy.EncryptionSettings;
import dev.ironcliw.daemon.ClearBytes;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.ForgetEventRecord;
import dev.ironcliw.daemon.journal.record.InsightRecord;
import dev.ironcliw.daemon.journal.record.KeyframeRecord;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextSource;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.daemon.journal.record.WindowName;
import dev.ironcliw.daemon.vault.HistoryVault;
import dev.ironcliw.ring.Rect;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealed records: what a user saw (a keyframe's picture, the words read, window titles, insights)
 * is not in the journal's files in clear, and reads back whole with the history's keys.
 */
class JournalSealTest {
  private static final long T0_MILLIS = 1_796_000_000_000L;

  @TempDir Path dataDir;
  @TempDir Path configDir;

  @Test
  void shouldKeepNoWordTitleOrPictureInClearAndReadThemBackWithTheKeys() throws Exception {
    EncryptionSettings settings =
        new EncryptionSettings(true, "file", configDir.resolve("history.key"));
    byte[] jpeg = pictureLikeAJpeg();
    TextRecord text =
        new TextRecord(
            2,
            T0_MILLIS * 1_000_000L,
            0,
            new Rect(0, 0, 400, 40),
            List.of(
                new TextLine(
                    0,
                    List.of(
                        new TextWord("zanzibarquota", new Rect(0, 0, 90, 10), 90),
                        new TextWord("7741", new Rect(95, 0, 30, 10), 90)))),
            List.of(new WindowName("Firefox", "Quarterly secrets - Mozilla Firefox")),
            TextSource.OCR);
    InsightRecord insight =
        new InsightRecord(
            1,
            T0_MILLIS * 1_000_000L,
            List.of(2L),
            "anthropic",
            "claude-test",
            1,
            true,
            "reading the zanzibarquota report",
            "Firefox",
            false,
            "",
            0.9,
            false,
            "",
            "",
            10,
            5);
    HistoryVault.Opened vault = HistoryVault.open(settings, dataDir, Map.of());
    Path journalDir = dataDir.resolve("journal");
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (var keys = vault.keys();
        Journal journal = sealing(journalDir, keys)) {
      writer
          .submit(
              () -> {
                journal.append(
                    new ContextEventRecord(
                        T0_MILLIS * 1_000_000L,
                        1,
                        0,
                        "Firefox",
                        "Quarterly secrets - Mozilla Firefox",
                        false));
                journal.append(frame(1, T0_MILLIS));
                journal.append(frame(2, T0_MILLIS + 100));
                journal.append(new KeyframeRecord(2, T0_MILLIS * 1_000_000L, 64, 48, 64, 48, jpeg));
                journal.append(text);
                journal.append(insight);
              })
          .get(10, TimeUnit.SECONDS);
    } finally {
      writer.shutdown();
    }

    ClearBytes all = ClearBytes.under(dataDir);
    for (String secret : List.of("zanzibarquota", "Quarterly secrets", "Firefox")) {
      assertFalse(all.contains(secret), secret + " is in the data dir in clear");
    }
    assertFalse(all.contains(Arrays.copyOf(jpeg, 24)), "the keyframe's header is in clear");
    assertFalse(
        all.contains(Arrays.copyOfRange(jpeg, 500, 524)), "the keyframe's body is in clear");

    HistoryVault.Opened again = HistoryVault.open(settings, dataDir, Map.of());
    try (var keys = again.keys();
        Journal journal = sealing(journalDir, keys)) {
      assertArrayEquals(jpeg, journal.keyframe(2).orElseThrow().jpeg());
      assertEquals(List.of(text), journal.texts(2));
      assertEquals(List.of(insight), journal.insights(null, null, 10));
      assertEquals("Firefox", journal.contextOf(2).app());
      assertEquals(2, journal.find(2).orElseThrow().seq());
      assertEquals(0, journal.damaged());
    }
  }

  /**
   * Forgetting an application: its frames hidden, its keyframes and text unreadable (their keys
   * destroyed), its window blanked; the other application's records untouched; the same after a
   * restart, with nothing counted as damaged.
   */
  @Test
  void shouldForgetOneApplicationAndKeepTheOther() throws Exception {
    EncryptionSettings settings =
        new EncryptionSettings(true, "file", configDir.resolve("history.key"));
    Path journalDir = dataDir.resolve("journal");
    long t0 = T0_MILLIS * 1_000_000L;
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (var keys = HistoryVault.open(settings, dataDir, Map.of()).keys();
        Journal journal = sealing(journalDir, keys)) {
      writer
          .submit(
              () -> {
                journal.append(
                    new ContextEventRecord(t0, 1, 0, "Firefox", "Bank - Firefox", false));
                journal.append(frame(1, T0_MILLIS));
                journal.append(frame(2, T0_MILLIS + 100));
                journal.append(
                    new KeyframeRecord(2, t0 + 100_000_000L, 64, 48, 64, 48, new byte[64]));
                journal.append(
                    new ContextEventRecord(t0 + 200_000_000L, 3, 0, "XTerm", "bash", false));
                journal.append(frame(3, T0_MILLIS + 200));
                journal.append(
                    new KeyframeRecord(3, t0 + 200_000_000L, 64, 48, 64, 48, new byte[64]));
              })
          .get(10, TimeUnit.SECONDS);
      var forget = journal.forget(t0, t0 + 1_000_000_000L, "firefox");
      assertEquals(1, forget.dataKeys());
      assertEquals(2, forget.hiddenFrames());
      assertForgotten(journal);
    } finally {
      writer.shutdown();
    }
    try (var keys = HistoryVault.open(settings, dataDir, Map.of()).keys();
        Journal journal = sealing(journalDir, keys)) {
      assertForgotten(journal);
      assertEquals(0, journal.damaged());
    }
  }

  /**
   * Retention destroys the data keys of the days it deletes (but the last minutes'), so a copy of a
   * deleted day's file cannot be read either; the kept day's records still read.
   */
  @Test
  void shouldDestroyTheKeysOfTheDaysRetentionDeletes() throws Exception {
    EncryptionSettings settings =
        new EncryptionSettings(true, "file", configDir.resolve("history.key"));
    long day0 = java.time.Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();
    long day1 = day0 + java.time.Duration.ofDays(1).toMillis();
    var clock = new net.openhft.chronicle.core.time.SetTimeProvider(day0);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (var keys = HistoryVault.open(settings, dataDir, Map.of()).keys();
        Journal journal = Journal.open(dataDir.resolve("journal"), 1 << 20, clock, keys, true)) {
      for (long at : new long[] {day0, day0 + 60_000, day1}) {
        clock.currentTimeMillis(at);
        writer
            .submit(
                () ->
                    journal.append(
                        new KeyframeRecord(
                            at / 100, at * 1_000_000L, 64, 48, 64, 48, new byte[64])))
            .get(10, TimeUnit.SECONDS);
      }
      assertEquals(3, keys.count(null, null, null));
      List<JournalCycle> deleted = journal.deleteCyclesBefore(journal.cycles().getLast().cycle());
      assertEquals(1, deleted.size());
      assertEquals(1, keys.count(null, null, null), "the deleted day's keys are gone");
      assertTrue(journal.keyframe(day1 / 100).isPresent());
    } finally {
      writer.shutdown();
    }
  }

  private static void assertForgotten(Journal journal) {
    assertTrue(journal.find(1).isEmpty());
    assertTrue(journal.find(2).isEmpty());
    assertTrue(journal.keyframe(2).isEmpty());
    assertEquals(3, journal.find(3).orElseThrow().seq());
    assertTrue(journal.keyframe(3).isPresent());
    assertEquals("", journal.contextOf(2).app());
    assertEquals("XTerm", journal.contextOf(3).app());
    assertEquals(1, journal.events(e -> e instanceof ForgetEventRecord, null, null, 10).size());
  }

  private static Journal sealing(Path journalDir, dev.ironcliw.daemon.crypto.KeyRing keys) {
    return Journal.open(journalDir, 1 << 20, SystemTimeProvider.INSTANCE, keys, true);
  }

  /** Bytes that start as a JPEG does, and vary enough that no stretch of them repeats. */
  private static byte[] pictureLikeAJpeg() {
    byte[] jpeg = new byte[4096];
    new java.util.Random(7).nextBytes(jpeg);
    byte[] soi = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
    System.arraycopy(soi, 0, jpeg, 0, soi.length);
    return jpeg;
  }

  /** The control: written without keys, the same scan finds the word, the title and the picture. */
  @Test
  void shouldFindThemInClearWhenNotEncrypted() throws Exception {
    byte[] jpeg = pictureLikeAJpeg();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (Journal journal =
        Journal.open(
            dataDir.resolve("journal"), 1 << 20, SystemTimeProvider.INSTANCE, null, true)) {
      writer
          .submit(
              () -> {
                journal.append(
                    new ContextEventRecord(
                        T0_MILLIS * 1_000_000L, 1, 0, "Firefox", "Quarterly secrets", false));
                journal.append(new KeyframeRecord(2, T0_MILLIS * 1_000_000L, 64, 48, 64, 48, jpeg));
              })
          .get(10, TimeUnit.SECONDS);
    } finally {
      writer.shutdown();
    }
    ClearBytes all = ClearBytes.under(dataDir);
    assertTrue(all.contains("Quarterly secrets"));
    assertTrue(all.contains(Arrays.copyOfRange(jpeg, 500, 524)));
  }
}

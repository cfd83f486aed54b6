package dev.ironcliw.daemon.journal;

import static dev.ironcliw.daemon.journal.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.codec.FrameRecordCodec;
import dev.ironcliw.daemon.journal.repair.JournalRepairReport;
import dev.ironcliw.daemon.journal.repair.RepairedCycle;
import dev.ironcliw.daemon.journal.seal.RecordChecksum;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal damaged on disk the ways the red team damaged one (a zeroed page, flipped bytes, a
 * garbage metadata file), then opened: the damage is found at start, the damaged file moved aside
 * untouched, every whole record kept and readable, and new records written after them.
 */
class JournalDamageTest {
  private static final Instant DAY0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  private static final int FRAMES = 2000;

  /** Where Chronicle begins a cycle's records: after its header and first index arrays. */
  private static final long FIRST_RECORD_OFFSET = 65_808;

  @TempDir Path dir;

  /** {@link #FRAMES} frames on day 0, then {@code nextDayFrames} on day 1. */
  private void write(int nextDayFrames) {
    SetTimeProvider clock = new SetTimeProvider(DAY0);
    try (Journal journal = Journal.open(dir, 1 << 20, clock)) {
      for (int i = 0; i < FRAMES; i++) {
        journal.append(frame(i, DAY0.toEpochMilli() + i * 100L));
      }
      clock.currentTimeMillis(DAY0.toEpochMilli() + DAY_MILLIS);
      for (int i = 0; i < nextDayFrames; i++) {
        journal.append(frame(FRAMES + i, DAY0.toEpochMilli() + DAY_MILLIS + i * 100L));
      }
    }
  }

  private Path dayFile(int day) {
    return dir.resolve(String.format("202611%02dF.cq4", day + 1));
  }

  private Journal reopen() {
    return Journal.open(dir, 1 << 20, new SetTimeProvider(DAY0.plusMillis(DAY_MILLIS + 3_600_000)));
  }

  private static void overwrite(Path file, long offset, int length, boolean zero)
      throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] bytes = new byte[length];
      raf.seek(offset);
      raf.readFully(bytes);
      for (int i = 0; i < length; i++) {
        bytes[i] = zero ? 0 : (byte) ~bytes[i];
      }
      raf.seek(offset);
      raf.write(bytes);
    }
  }

  /** Every frame's seq, paging from the start as a client does. */
  private static List<Long> allSeqs(Journal journal) {
    List<Long> seqs = new ArrayList<>();
    Long cursor = null;
    do {
      FramePage page = journal.query(new FrameQuery(cursor, null, null, null, Set.of(), 100));
      page.frames().forEach(r -> seqs.add(r.seq()));
      cursor = page.nextSeq();
    } while (cursor != null);
    return seqs;
  }

  private static void assertIncreasing(List<Long> seqs) {
    for (int i = 1; i < seqs.size(); i++) {
      assertTrue(seqs.get(i) > seqs.get(i - 1), "seq " + seqs.get(i) + " after " + seqs.get(i - 1));
    }
  }

  private List<Path> damagedFiles() throws IOException {
    Path damaged = dir.resolve("damaged");
    if (!Files.isDirectory(damaged)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(damaged)) {
      return files.sorted().toList();
    }
  }

  @Test
  void shouldKeepEveryRecordOfADayWhoseFirstPageWasZeroedAndWriteNewOnesAfterThem()
      throws IOException {
    write(0);
    overwrite(dayFile(0), 0, 4096, true);
    byte[] damagedBytes = Files.readAllBytes(dayFile(0));

    try (Journal journal = reopen()) {
      RepairedCycle repaired = journal.repairs().cycles().getFirst();
      assertEquals("20261101F.cq4", repaired.file());
      assertEquals(FRAMES, repaired.recordsKept());
      assertTrue(journal.damaged() >= 1, "damage counted");
      assertArrayEquals(damagedBytes, Files.readAllBytes(repaired.movedTo()), "moved, not changed");
      assertEquals(FRAMES, journal.records());
      assertEquals(FRAMES - 1, journal.lastSeq());

      journal.append(frame(FRAMES, DAY0.toEpochMilli() + DAY_MILLIS + 3_600_000));
      List<Long> seqs = allSeqs(journal);
      assertEquals(FRAMES + 1, seqs.size());
      assertEquals(0, seqs.getFirst());
      assertEquals(FRAMES, seqs.getLast());
    }
  }

  @Test
  void shouldSkipOnlyTheRecordsOfAZeroedPageAmongThem() throws IOException {
    write(10);
    overwrite(dayFile(0), 200_000, 4096, true);

    try (Journal journal = reopen()) {
      RepairedCycle repaired = journal.repairs().cycles().getFirst();
      assertEquals(1, repaired.damagedStretches(), repaired.toString());
      List<Long> seqs = allSeqs(journal);
      assertIncreasing(seqs);
      // A page of 4 KiB holds about 24 records of 168 bytes; it cuts into 25 or 26.
      long lost = FRAMES + 10 - seqs.size();
      assertTrue(lost >= 25 && lost <= 27, lost + " records lost to a zeroed 4 KiB");
      assertEquals(FRAMES + 9, seqs.getLast(), "the next day is untouched");
    }
  }

  @Test
  void shouldPageThroughFlippedBytesSkippingOnlyWhatTheyHit() throws IOException {
    write(10);
    overwrite(dayFile(0), 200_000, 64, false);

    try (Journal journal = reopen()) {
      assertEquals(1, journal.repairs().cycles().size());
      assertTrue(journal.damaged() >= 1);
      List<Long> seqs = allSeqs(journal);
      assertIncreasing(seqs);
      long lost = FRAMES + 10 - seqs.size();
      assertTrue(lost >= 1 && lost <= 2, lost + " records lost to 64 flipped bytes");
      assertEquals(FRAMES + 9, journal.lastSeq());
    }
  }

  @Test
  void shouldRewriteADayWhoseChronicleIndexIsDamaged() throws IOException {
    write(10);
    // Chronicle's first index array of the day starts at 33008; its entries hold record offsets.
    overwrite(dayFile(0), 33_008 + 64, 64, false);

    try (Journal journal = reopen()) {
      List<Long> seqs = allSeqs(journal);
      assertEquals(FRAMES + 10, seqs.size());
      assertIncreasing(seqs);
      for (long seq = 0; seq < FRAMES; seq += 97) {
        assertEquals(seq, journal.find(seq).orElseThrow().seq(), "frame " + seq);
        List<Long> page = new ArrayList<>();
        journal
            .query(new FrameQuery(seq, null, null, null, Set.of(), 3))
            .frames()
            .forEach(r -> page.add(r.seq()));
        assertEquals(List.of(seq, seq + 1, seq + 2), page);
      }
    }
  }

  @Test
  void shouldRebuildAGarbageMetadataFileAndKeepEveryRecord() throws IOException {
    write(10);
    Files.write(dir.resolve("metadata.cq4t"), "garbage ".repeat(1000).getBytes());

    try (Journal journal = reopen()) {
      JournalRepairReport repairs = journal.repairs();
      assertNotNull(repairs.metadataMovedTo());
      assertTrue(Files.exists(repairs.metadataMovedTo()));
      assertEquals(List.of(), repairs.cycles());
      assertEquals(FRAMES + 10, allSeqs(journal).size());
      journal.append(frame(FRAMES + 10, DAY0.toEpochMilli() + DAY_MILLIS + 3_600_000));
      assertEquals(FRAMES + 11, journal.records());
    }
  }

  @Test
  void shouldLeaveAWholeJournalAndAHalfWrittenLastRecordAlone() throws IOException {
    write(10);
    // A run killed mid-write leaves a header that says "not complete" and part of a record.
    Path day1 = dayFile(1);
    long end = endOfRecords(day1);
    try (RandomAccessFile raf = new RandomAccessFile(day1.toFile(), "rw")) {
      raf.seek(end);
      raf.writeInt(Integer.reverseBytes(0x8000_0000));
      raf.write(new byte[] {1, 3, 0, 0, 0, 0, 0, 0, 0, 42});
    }

    try (Journal journal = reopen()) {
      assertEquals(List.of(), journal.repairs().cycles());
      assertNull(journal.repairs().metadataMovedTo());
      assertEquals(0, journal.damaged());
      assertEquals(List.of(), damagedFiles());
      assertEquals(FRAMES + 10, journal.records());
    }
  }

  @Test
  void shouldSkipAndCountARecordDamagedWhileTheJournalIsOpen() throws IOException {
    write(10);
    try (Journal journal = reopen()) {
      // The verdict byte of the 500th record: framing intact, record not whole.
      long record500 = payloadOf(dayFile(0), 500);
      overwrite(dayFile(0), record500 + RecordChecksum.PREFIX_BYTES + 2 + 4 * 8, 1, false);
      List<Long> seqs = allSeqs(journal);
      assertEquals(FRAMES + 9, seqs.size());
      assertFalse(seqs.contains(500L));
      assertEquals(1, journal.damaged());
    }
  }

  @Test
  void shouldNotServeARecordWhoseBytesChangedButStillDecode() throws IOException {
    write(10);
    // Zeros over a record's fingerprint: its layout still reads to the last byte, so only its
    // checksum tells that it is not what was written.
    long record1000 = payloadOf(dayFile(0), 1000);
    overwrite(dayFile(0), record1000 + RecordChecksum.PREFIX_BYTES + 2 + 3 * 8, 8, true);

    try (Journal journal = reopen()) {
      List<Long> seqs = allSeqs(journal);
      assertFalse(seqs.contains(1000L), "the changed record is not served");
      assertEquals(FRAMES + 9, seqs.size(), "every other record is");
      assertTrue(journal.damaged() >= 1, "damage counted");
      for (long seq : List.of(999L, 1001L)) {
        assertEquals(seq * 31, journal.find(seq).orElseThrow().fingerprint());
      }
    }
  }

  /**
   * Where the payload of frame {@code seq}'s record starts in a cycle file, walking the framing.
   */
  private static long payloadOf(Path file, long seq) throws IOException {
    java.nio.ByteBuffer buffer =
        java.nio.ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int position = (int) FIRST_RECORD_OFFSET;
    while (buffer.getInt(position) != 0) {
      int length = buffer.getInt(position) & 0x3FFF_FFFF;
      int payload = position + 4;
      if (buffer.get(payload) == RecordChecksum.CHECKSUMMED
          && buffer.get(payload + RecordChecksum.PREFIX_BYTES) == FrameRecordCodec.FRAME_RECORD
          && buffer.getLong(payload + RecordChecksum.PREFIX_BYTES + 2) == seq) {
        return payload;
      }
      position = (position + 4 + length + 3) & -4;
    }
    throw new AssertionError("no record of frame " + seq + " in " + file);
  }

  /** Where the last record of a cycle file ends: the first zero header after its records. */
  private static long endOfRecords(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    java.nio.ByteBuffer buffer =
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    long position = 0;
    while (buffer.getInt((int) position) != 0) {
      int length = buffer.getInt((int) position) & 0x3FFF_FFFF;
      position = (position + 4 + length + 3) & -4;
    }
    return position;
  }
}

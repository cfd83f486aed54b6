package dev.ironcliw.daemon.journal;

import static dev.ironcliw.daemon.journal.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.codec.TextRecordCodec;
import dev.ironcliw.daemon.journal.record.DamagedRecordException;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextSource;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.daemon.journal.record.WindowName;
import dev.ironcliw.ring.Rect;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text read from frames, in the journal: its binary form, lookup by seq, across a restart. */
class TextJournalTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  @TempDir Path dir;

  private static TextRecord text(long seq) {
    return new TextRecord(
        seq,
        (T0.toEpochMilli() + seq * 100) * 1_000_000L,
        0,
        new Rect(0, 0, 640, 40),
        List.of(
            new TextLine(
                0,
                List.of(
                    new TextWord("Invoice", new Rect(4, 5, 42, 9), 91),
                    new TextWord("2291", new Rect(52, 5, 24, 9), 88))),
            new TextLine(1, List.of(new TextWord("请求失败", new Rect(4, 20, 48, 12), 70)))));
  }

  @Test
  void shouldReadBackEveryFieldAndRefuseACountLargerThanTheRecord() {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap();
    TextRecord written = text(7);
    TextRecordCodec.write(bytes, written);
    assertEquals(7, TextRecordCodec.peekSeq(bytes));
    TextRecord read = TextRecordCodec.read(bytes);
    assertEquals(written, read);
    assertEquals("Invoice 2291", read.lines().getFirst().text());
    assertEquals(new Rect(4, 5, 72, 9), read.lines().getFirst().box());

    Bytes<?> damaged = Bytes.allocateElasticOnHeap();
    TextRecordCodec.write(damaged, written);
    damaged.writeInt(2 + 8 + 8 + 4 + 16, 1_000_000); // the line count
    assertThrows(DamagedRecordException.class, () -> TextRecordCodec.read(damaged));
  }

  /**
   * Layout 2 keeps the window each block lay in and where the words came from; a layout 1 record
   * (written before it) still reads, as recognized text whose windows are not known.
   */
  @Test
  void shouldKeepEachBlocksWindowAndStillReadTheFirstLayout() {
    TextRecord plain = text(7);
    TextRecord windowed =
        new TextRecord(
            plain.seq(),
            plain.capturedAtNanos(),
            plain.display(),
            plain.area(),
            plain.lines(),
            List.of(new WindowName("XTerm", "invoices - bash"), WindowName.NONE),
            TextSource.ACCESSIBILITY);
    Bytes<?> bytes = Bytes.allocateElasticOnHeap();
    TextRecordCodec.write(bytes, windowed);
    TextRecord read = TextRecordCodec.read(bytes);
    assertEquals(windowed, read);
    assertEquals("invoices - bash", read.windowOf(0).title());
    assertEquals(WindowName.NONE, read.windowOf(1));
    assertEquals(TextSource.ACCESSIBILITY, read.source());

    Bytes<?> layout1 = Bytes.allocateElasticOnHeap();
    TextRecordCodec.write(layout1, plain);
    layout1.writeByte(1, (byte) 1); // the layout byte
    layout1.writePosition(layout1.writePosition() - Integer.BYTES - 1); // no windows or source
    TextRecord old = TextRecordCodec.read(layout1);
    assertEquals(plain, old);
    assertNull(old.windowOf(0));

    assertThrows(
        IllegalArgumentException.class,
        () ->
            new TextRecord(
                7,
                0,
                0,
                plain.area(),
                plain.lines(),
                List.of(new WindowName("XTerm", "")),
                TextSource.OCR),
        "block 1 has no window");
  }

  @Test
  void shouldFindTheTextOfAFrameBySeqAcrossARestart() {
    SetTimeProvider clock = new SetTimeProvider(T0);
    try (Journal journal = Journal.open(dir, 1 << 20, clock)) {
      for (int seq = 0; seq < 20; seq++) {
        journal.append(frame(seq, T0.toEpochMilli() + seq * 100L));
      }
      journal.append(text(10));
      journal.append(text(10));
      journal.append(text(15));
      assertEquals(List.of(text(10), text(10)), journal.texts(10));
      assertTrue(journal.texts(11).isEmpty());
    }
    try (Journal journal = Journal.open(dir, 1 << 20, clock)) {
      assertEquals(List.of(text(15)), journal.texts(15));
      assertEquals(2, journal.texts(10).size());
      assertEquals(0, journal.damaged());
      long texts =
          journal.readAfter(-1, 100).stream().filter(r -> r.record() instanceof TextRecord).count();
      assertEquals(3, texts);
    }
  }
}

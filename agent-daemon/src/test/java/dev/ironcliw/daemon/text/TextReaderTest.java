package dev.ironcliw.daemon.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.AccessibleLine;
import dev.ironcliw.capture.AccessibleText;
import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.LocatedWindow;
import dev.ironcliw.capture.WindowLocator;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextSource;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.daemon.journal.record.WindowName;
import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.diff.ChangedRegions.Region;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.RingGeometry;
import dev.ironcliw.testing.Waits;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text reader with a real ring and journal: the focused window's accessibility text stands in
 * for recognition where it is given, the pixels are read where it is not, and either is filed under
 * the window it lies in.
 */
class TextReaderTest {
  private static final int W = 320;
  private static final int H = 180;

  @TempDir Path dir;

  /** An engine that reads one fixed line in any image, counts its reads and says when freed. */
  private static final class CountingEngine implements TextEngine {
    final AtomicInteger reads = new AtomicInteger();
    volatile boolean closed;

    @Override
    public String description() {
      return "counting";
    }

    @Override
    public List<TextLine> read(GreyImage image) {
      reads.incrementAndGet();
      return List.of(
          new TextLine(0, List.of(new TextWord("recognized", new Rect(20, 20, 60, 10), 80))));
    }

    @Override
    public void cancel() {}

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Accessibility text that gives {@link #lines} (null: none) and records the areas asked. */
  private static final class ScriptedAccessibleText implements AccessibleText {
    volatile List<AccessibleLine> lines;
    final List<Rect> asked = new ArrayList<>();

    @Override
    public synchronized List<AccessibleLine> linesIn(int display, Rect area) {
      asked.add(area);
      return lines;
    }

    @Override
    public String state() {
      return "on";
    }
  }

  @Test
  void shouldTakeTheAccessibilityTextWhereGivenAndReadThePixelsWhereNot() throws Exception {
    CountingEngine engine = new CountingEngine();
    ScriptedAccessibleText accessible = new ScriptedAccessibleText();
    accessible.lines =
        List.of(
            new AccessibleLine(0, new Rect(10, 10, 120, 12), "Invoice 2291 overdue"),
            new AccessibleLine(1, new Rect(10, 30, 60, 12), "Pay now"));
    List<LocatedWindow> windows =
        List.of(
            new LocatedWindow(new Rect(0, 0, W, H), new FocusedWindow("Mail", "Inbox", 0, false)));
    try (FrameRing ring = openRing();
        Journal journal = Journal.open(dir.resolve("journal"))) {
      TextReader reader =
          new TextReader(
              engine,
              accessible,
              display -> windows,
              ring,
              journal,
              frame -> {},
              Duration.ofMillis(20),
              1.0);
      reader.start();
      FrameRingWriter writer = ring.writer();
      try {
        reader.offer(frame(writer, journal, 1));
        TextRecord given = awaitText(journal, 1);
        assertEquals(TextSource.ACCESSIBILITY, given.source());
        assertEquals(
            List.of("Invoice 2291 overdue", "Pay now"),
            given.lines().stream().map(TextLine::text).toList());
        TextWord overdue = given.lines().getFirst().words().get(2);
        assertEquals(new Rect(10 + 120 * 13 / 20, 10, 120 * 7 / 20, 12), overdue.box());
        assertEquals(
            List.of(new WindowName("Mail", "Inbox"), new WindowName("Mail", "Inbox")),
            given.blockWindows());
        assertEquals(0, engine.reads.get(), "nothing recognized");

        accessible.lines = null;
        reader.offer(frame(writer, journal, 2));
        TextRecord recognized = awaitText(journal, 2);
        assertEquals(TextSource.OCR, recognized.source());
        assertEquals("recognized", recognized.lines().getFirst().text());
        assertEquals(1, engine.reads.get());
        assertEquals(2, accessible.asked.size(), "asked first both times");
        assertEquals(1, reader.toJson().getLong("accessibilityReads"));
        assertEquals(2, reader.toJson().getLong("reads"));
        assertEquals("on", reader.toJson().getString("accessibility"));
      } finally {
        reader.close();
      }
    }
  }

  @Test
  void shouldSayADisplayIsReadOnceEveryFrameHandedOverUpToASeqIsRead() throws Exception {
    CountingEngine engine = new CountingEngine();
    try (FrameRing ring = openRing();
        Journal journal = Journal.open(dir.resolve("journal"))) {
      TextReader reader =
          new TextReader(
              engine,
              AccessibleText.NONE,
              WindowLocator.NONE,
              ring,
              journal,
              frame -> {},
              Duration.ofSeconds(2),
              1.0);
      reader.start();
      try {
        assertTrue(reader.hasRead(0, 1), "nothing handed over, nothing to wait for");
        reader.offer(frame(ring.writer(), journal, 1));
        assertFalse(reader.hasRead(0, 1), "settling");
        assertFalse(reader.hasRead(0, 9), "a later frame waits for the last one handed over");
        assertTrue(reader.hasRead(1, 1), "another display");
        awaitText(journal, 1);
        Waits.await("frame 1 read", Duration.ofSeconds(10)).until(() -> reader.hasRead(0, 1));
        assertTrue(reader.hasRead(0, 9));
      } finally {
        reader.close();
      }
      // Idle, it waited for frames without a timeout: close woke it, it ended, its engine was
      // freed.
      assertTrue(engine.closed, "the idle reader ended on close");
    }
  }

  private FrameRing openRing() {
    return FrameRing.open(
        dir.resolve("frames.ring"),
        RingGeometry.forBudget(8 << 20, W, H),
        OffHeapBudget.unlimited());
  }

  /** A frame with a dark block on white at (10, 10), in the ring and the journal. */
  private static FrameRecord frame(FrameRingWriter writer, Journal journal, long seq) {
    assertTrue(writer.tryClaim(W, H));
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        boolean dark = x >= 10 && x < 130 && y >= 10 && y < 42 && (x / 3 + y / 4 + seq) % 2 == 0;
        writer
            .pixels()
            .set(ValueLayout.JAVA_INT, (long) y * writer.strideBytes() + x * 4L, dark ? 0 : -1);
      }
    }
    long fingerprint = writer.fingerprint();
    long capturedAt = System.currentTimeMillis() * 1_000_000L;
    long position = writer.commit(seq, capturedAt, 0);
    FrameRecord record =
        new FrameRecord(
            seq,
            capturedAt,
            "test",
            Verdict.CHANGE,
            true,
            4,
            W,
            H,
            position,
            fingerprint,
            10,
            List.of(new Region(0, 0, 160, 64, 4, 1000)),
            0,
            0,
            -1,
            List.of(),
            new byte[64]);
    journal.append(record);
    return record;
  }

  private static TextRecord awaitText(Journal journal, long seq) throws Exception {
    Waits.await("the text of " + seq, Duration.ofSeconds(10))
        .until(() -> !journal.texts(seq).isEmpty());
    return journal.texts(seq).getFirst();
  }
}

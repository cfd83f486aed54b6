package dev.ironcliw.daemon.journal.codec;

import dev.ironcliw.daemon.journal.record.DamagedRecordException;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextSource;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.daemon.journal.record.WindowName;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary form of a {@link TextRecord} in a journal excerpt:
 *
 * <pre>
 *   byte recordType (8 = text)   byte layoutVersion (2)
 *   long seq   long capturedAtNanos   int display   int x, y, width, height (the area)
 *   int  lineCount, then per line: int block   int wordCount, then per word:
 *        utf8 text   int x, y, width, height   byte confidence (0-100)
 *   int  windowCount (0: not known), then per block: utf8 app   utf8 title      (layout 2)
 *   byte source (0 = ocr, 1 = accessibility)                                    (layout 2)
 * </pre>
 *
 * Layout 1 reads as recognized text whose windows are not known.
 */
public final class TextRecordCodec {
  public static final byte TEXT_RECORD = 8;
  static final byte LAYOUT_VERSION = 2;

  /** Kept in clear when sealed, type to capture time: the index built at start reads the seq. */
  public static final int CLEAR_BYTES = 2 + 2 * Long.BYTES;

  private static final int LINE_BYTES = 2 * Integer.BYTES;
  private static final int WORD_BYTES = 1 + 4 * Integer.BYTES + 1;
  private static final int WINDOW_BYTES = 2;

  private TextRecordCodec() {}

  public static void write(Bytes<?> out, TextRecord r) {
    out.writeByte(TEXT_RECORD);
    out.writeByte(LAYOUT_VERSION);
    out.writeLong(r.seq());
    out.writeLong(r.capturedAtNanos());
    out.writeInt(r.display());
    writeRect(out, r.area());
    out.writeInt(r.lines().size());
    for (TextLine line : r.lines()) {
      out.writeInt(line.block());
      out.writeInt(line.words().size());
      for (TextWord word : line.words()) {
        out.writeUtf8(word.text());
        writeRect(out, word.box());
        out.writeByte((byte) word.confidence());
      }
    }
    out.writeInt(r.blockWindows().size());
    for (WindowName w : r.blockWindows()) {
      out.writeUtf8(w.app());
      out.writeUtf8(w.title());
    }
    out.writeByte((byte) r.source().ordinal());
  }

  /** The seq of a text record excerpt, read in place. */
  public static long peekSeq(Bytes<?> in) {
    return in.readLong(in.readPosition() + 2);
  }

  /** The record, or null when the excerpt is not a text record of a known layout. */
  public static TextRecord read(Bytes<?> in) {
    if (in.readRemaining() < 2 || in.readByte() != TEXT_RECORD) {
      return null;
    }
    byte layout = in.readByte();
    if (layout < 1 || layout > LAYOUT_VERSION) {
      return null;
    }
    long seq = in.readLong();
    long capturedAt = in.readLong();
    int display = in.readInt();
    Rect area = readRect(in);
    int lineCount = ExcerptReads.count(in, LINE_BYTES, "line");
    List<TextLine> lines = new ArrayList<>(lineCount);
    for (int i = 0; i < lineCount; i++) {
      int block = in.readInt();
      int wordCount = ExcerptReads.count(in, WORD_BYTES, "word");
      if (wordCount == 0) {
        throw new DamagedRecordException("a line without words");
      }
      List<TextWord> words = new ArrayList<>(wordCount);
      for (int w = 0; w < wordCount; w++) {
        String text = in.readUtf8();
        Rect box = readRect(in);
        int confidence = in.readUnsignedByte();
        words.add(new TextWord(text, box, confidence));
      }
      lines.add(new TextLine(block, words));
    }
    List<WindowName> windows = new ArrayList<>();
    TextSource source = TextSource.OCR;
    if (layout >= 2) {
      int windowCount = ExcerptReads.count(in, WINDOW_BYTES, "window");
      for (int i = 0; i < windowCount; i++) {
        windows.add(new WindowName(in.readUtf8(), in.readUtf8()));
      }
      source = ExcerptReads.ordinal(in, TextSource.values(), "text source");
    }
    try {
      return new TextRecord(seq, capturedAt, display, area, lines, windows, source);
    } catch (IllegalArgumentException e) {
      throw new DamagedRecordException(e.getMessage());
    }
  }

  private static void writeRect(Bytes<?> out, Rect r) {
    out.writeInt(r.x());
    out.writeInt(r.y());
    out.writeInt(r.width());
    out.writeInt(r.height());
  }

  private static Rect readRect(Bytes<?> in) {
    return new Rect(in.readInt(), in.readInt(), in.readInt(), in.readInt());
  }
}

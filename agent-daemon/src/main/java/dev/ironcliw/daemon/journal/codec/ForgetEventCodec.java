package dev.ironcliw.daemon.journal.codec;

import dev.ironcliw.daemon.journal.record.ForgetEventRecord;
import dev.ironcliw.daemon.journal.record.ForgetEventRecord.SeqRange;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary form of a {@link ForgetEventRecord} in a journal excerpt:
 *
 * <pre>
 *   byte recordType (9 = forget event)   byte layoutVersion (1)
 *   long timeNanos   long fromNanos   long toNanos   byte byApp (0/1)   int dataKeys
 *   int  rangeCount, then per range: long firstSeq   long lastSeq
 * </pre>
 */
public final class ForgetEventCodec {
  public static final byte FORGET_EVENT_RECORD = 9;
  static final byte LAYOUT_VERSION = 1;
  private static final int RANGE_BYTES = 2 * Long.BYTES;

  private ForgetEventCodec() {}

  public static void write(Bytes<?> out, ForgetEventRecord r) {
    out.writeByte(FORGET_EVENT_RECORD);
    out.writeByte(LAYOUT_VERSION);
    out.writeLong(r.timeNanos());
    out.writeLong(r.fromNanos());
    out.writeLong(r.toNanos());
    out.writeByte((byte) (r.byApp() ? 1 : 0));
    out.writeInt(r.dataKeys());
    out.writeInt(r.hiddenSeqs().size());
    for (SeqRange range : r.hiddenSeqs()) {
      out.writeLong(range.first());
      out.writeLong(range.last());
    }
  }

  /** The record, or null when the excerpt is not a forget event of this layout. */
  public static ForgetEventRecord read(Bytes<?> in) {
    if (!ExcerptReads.startsRecord(in, FORGET_EVENT_RECORD, LAYOUT_VERSION)) {
      return null;
    }
    long time = in.readLong();
    long from = in.readLong();
    long to = in.readLong();
    boolean byApp = in.readByte() != 0;
    int dataKeys = in.readInt();
    int count = ExcerptReads.count(in, RANGE_BYTES, "seq range");
    List<SeqRange> ranges = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ranges.add(new SeqRange(in.readLong(), in.readLong()));
    }
    return new ForgetEventRecord(time, from, to, byApp, dataKeys, ranges);
  }
}

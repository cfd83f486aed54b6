package dev.ironcliw.daemon.journal.codec;

import dev.ironcliw.daemon.journal.record.PressureEventRecord;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary form of a {@link PressureEventRecord} in a journal excerpt:
 *
 * <pre>
 *   byte recordType (4 = pressure event)   byte layoutVersion (1)
 *   long timeNanos   utf8 from   utf8 to   utf8 readings   utf8 actions
 * </pre>
 */
public final class PressureEventCodec {
  public static final byte PRESSURE_EVENT_RECORD = 4;
  static final byte LAYOUT_VERSION = 1;

  private PressureEventCodec() {}

  public static void write(Bytes<?> out, PressureEventRecord r) {
    out.writeByte(PRESSURE_EVENT_RECORD);
    out.writeByte(LAYOUT_VERSION);
    out.writeLong(r.timeNanos());
    out.writeUtf8(r.from());
    out.writeUtf8(r.to());
    out.writeUtf8(r.readings());
    out.writeUtf8(r.actions());
  }

  /** The record, or null when the excerpt is not a pressure event of this layout. */
  public static PressureEventRecord read(Bytes<?> in) {
    if (!ExcerptReads.startsRecord(in, PRESSURE_EVENT_RECORD, LAYOUT_VERSION)) {
      return null;
    }
    return new PressureEventRecord(
        in.readLong(), in.readUtf8(), in.readUtf8(), in.readUtf8(), in.readUtf8());
  }
}

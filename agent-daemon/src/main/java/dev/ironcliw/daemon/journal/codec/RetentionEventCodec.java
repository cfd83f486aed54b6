package dev.ironcliw.daemon.journal.codec;

import dev.ironcliw.daemon.journal.record.RetentionEventRecord;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary form of a {@link RetentionEventRecord} in a journal excerpt:
 *
 * <pre>
 *   byte recordType (6 = retention event)   byte layoutVersion (1)
 *   long timeNanos   int days   long bytes   utf8 files   utf8 limits   long keptFromNanos
 * </pre>
 */
public final class RetentionEventCodec {
  public static final byte RETENTION_EVENT_RECORD = 6;
  static final byte LAYOUT_VERSION = 1;

  private RetentionEventCodec() {}

  public static void write(Bytes<?> out, RetentionEventRecord r) {
    out.writeByte(RETENTION_EVENT_RECORD);
    out.writeByte(LAYOUT_VERSION);
    out.writeLong(r.timeNanos());
    out.writeInt(r.days());
    out.writeLong(r.bytes());
    out.writeUtf8(r.files());
    out.writeUtf8(r.limits());
    out.writeLong(r.keptFromNanos());
  }

  /** The record, or null when the excerpt is not a retention event of this layout. */
  public static RetentionEventRecord read(Bytes<?> in) {
    if (!ExcerptReads.startsRecord(in, RETENTION_EVENT_RECORD, LAYOUT_VERSION)) {
      return null;
    }
    return new RetentionEventRecord(
        in.readLong(), in.readInt(), in.readLong(), in.readUtf8(), in.readUtf8(), in.readLong());
  }
}

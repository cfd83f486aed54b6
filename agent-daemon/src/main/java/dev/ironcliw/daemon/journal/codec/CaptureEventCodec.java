package dev.ironcliw.daemon.journal.codec;

import dev.ironcliw.daemon.journal.record.CaptureEventRecord;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary form of a {@link CaptureEventRecord} in a journal excerpt:
 *
 * <pre>
 *   byte recordType (2 = capture event)   byte layoutVersion (1)
 *   long timeNanos   int display   byte paused (0/1)   utf8 reason
 * </pre>
 */
public final class CaptureEventCodec {
  public static final byte CAPTURE_EVENT_RECORD = 2;
  static final byte LAYOUT_VERSION = 1;

  private CaptureEventCodec() {}

  public static void write(Bytes<?> out, CaptureEventRecord r) {
    out.writeByte(CAPTURE_EVENT_RECORD);
    out.writeByte(LAYOUT_VERSION);
    out.writeLong(r.timeNanos());
    out.writeInt(r.display());
    out.writeByte((byte) (r.paused() ? 1 : 0));
    out.writeUtf8(r.reason());
  }

  /** The record, or null when the excerpt is not a capture event of this layout. */
  public static CaptureEventRecord read(Bytes<?> in) {
    if (!ExcerptReads.startsRecord(in, CAPTURE_EVENT_RECORD, LAYOUT_VERSION)) {
      return null;
    }
    return new CaptureEventRecord(in.readLong(), in.readInt(), in.readByte() != 0, in.readUtf8());
  }
}

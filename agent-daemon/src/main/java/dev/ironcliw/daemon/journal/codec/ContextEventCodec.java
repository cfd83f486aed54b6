package dev.ironcliw.daemon.journal.codec;

import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary form of a {@link ContextEventRecord} in a journal excerpt:
 *
 * <pre>
 *   byte recordType (7 = context event)   byte layoutVersion (1)
 *   long timeNanos   long fromSeq   int display   byte excluded (0/1)   utf8 app   utf8 window
 * </pre>
 */
public final class ContextEventCodec {
  public static final byte CONTEXT_EVENT_RECORD = 7;
  static final byte LAYOUT_VERSION = 1;

  /**
   * Kept in clear when sealed, type to display: a forgotten context still says from which frame on
   * its window (no longer known) had the focus.
   */
  public static final int CLEAR_BYTES = 2 + 2 * Long.BYTES + Integer.BYTES;

  private ContextEventCodec() {}

  public static void write(Bytes<?> out, ContextEventRecord r) {
    out.writeByte(CONTEXT_EVENT_RECORD);
    out.writeByte(LAYOUT_VERSION);
    out.writeLong(r.timeNanos());
    out.writeLong(r.fromSeq());
    out.writeInt(r.display());
    out.writeByte((byte) (r.excluded() ? 1 : 0));
    out.writeUtf8(r.app());
    out.writeUtf8(r.window());
  }

  /** The time of a context event excerpt, read in place. */
  public static long peekTimeNanos(Bytes<?> in) {
    return in.readLong(in.readPosition() + 2);
  }

  /** The first frame of a context event excerpt, read in place. */
  public static long peekFromSeq(Bytes<?> in) {
    return in.readLong(in.readPosition() + 2 + Long.BYTES);
  }

  /** The display of a context event excerpt, read in place. */
  public static int peekDisplay(Bytes<?> in) {
    return in.readInt(in.readPosition() + 2 + 2 * Long.BYTES);
  }

  /** The record, or null when the excerpt is not a context event of this layout. */
  public static ContextEventRecord read(Bytes<?> in) {
    if (!ExcerptReads.startsRecord(in, CONTEXT_EVENT_RECORD, LAYOUT_VERSION)) {
      return null;
    }
    long time = in.readLong();
    long fromSeq = in.readLong();
    int display = in.readInt();
    boolean excluded = in.readByte() != 0;
    return new ContextEventRecord(time, fromSeq, display, in.readUtf8(), in.readUtf8(), excluded);
  }
}

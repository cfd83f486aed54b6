package dev.ironcliw.daemon.journal.codec;

import dev.ironcliw.daemon.journal.record.KeyframeRecord;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary form of a {@link KeyframeRecord} in a journal excerpt:
 *
 * <pre>
 *   byte recordType (5 = keyframe)   byte layoutVersion (1)
 *   long seq   long capturedAtNanos   int frameWidth   int frameHeight   int width   int height
 *   int jpegBytes   byte[jpegBytes] jpeg
 * </pre>
 */
public final class KeyframeCodec {
  public static final byte KEYFRAME_RECORD = 5;
  static final byte LAYOUT_VERSION = 1;

  /** Kept in clear when sealed, up to the JPEG's length: the index built at start reads them. */
  public static final int CLEAR_BYTES = 2 + 2 * Long.BYTES + 4 * Integer.BYTES;

  /** A keyframe larger than this is not a keyframe this code wrote. */
  private static final int MAX_JPEG_BYTES = 64 << 20;

  private KeyframeCodec() {}

  public static void write(Bytes<?> out, KeyframeRecord r) {
    byte[] jpeg = r.jpeg();
    out.writeByte(KEYFRAME_RECORD);
    out.writeByte(LAYOUT_VERSION);
    out.writeLong(r.seq());
    out.writeLong(r.capturedAtNanos());
    out.writeInt(r.frameWidth());
    out.writeInt(r.frameHeight());
    out.writeInt(r.width());
    out.writeInt(r.height());
    out.writeInt(jpeg.length);
    out.write(jpeg);
  }

  /** The record, or null when the excerpt is not a keyframe of this layout. */
  public static KeyframeRecord read(Bytes<?> in) {
    if (!ExcerptReads.startsRecord(in, KEYFRAME_RECORD, LAYOUT_VERSION)) {
      return null;
    }
    long seq = in.readLong();
    long capturedAtNanos = in.readLong();
    int frameWidth = in.readInt();
    int frameHeight = in.readInt();
    int width = in.readInt();
    int height = in.readInt();
    int length = in.readInt();
    if (length < 0 || length > MAX_JPEG_BYTES || length > in.readRemaining()) {
      return null;
    }
    byte[] jpeg = new byte[length];
    in.read(jpeg);
    return new KeyframeRecord(seq, capturedAtNanos, frameWidth, frameHeight, width, height, jpeg);
  }

  /** The sequence number of a keyframe excerpt, without reading its picture; -1 if not one. */
  public static long peekSeq(Bytes<?> in) {
    if (in.readRemaining() < 10
        || in.readByte(in.readPosition()) != KEYFRAME_RECORD
        || in.readByte(in.readPosition() + 1) != LAYOUT_VERSION) {
      return -1;
    }
    return in.readLong(in.readPosition() + 2);
  }
}

package dev.ironcliw.daemon.journal.codec;

import dev.ironcliw.daemon.journal.record.InsightRecord;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary form of an {@link InsightRecord} in a journal excerpt:
 *
 * <pre>
 *   byte recordType (3 = insight)   byte layoutVersion (1)
 *   long id   long receivedAtNanos
 *   int frameCount, then that many long frame seqs
 *   utf8 provider   utf8 model   int images
 *   byte valid   utf8 activity   utf8 app   byte needsHelp   utf8 suggestion   double confidence
 *   byte notice   utf8 invalidReason   utf8 rawReply   long inputTokens   long outputTokens
 * </pre>
 */
public final class InsightRecordCodec {
  public static final byte INSIGHT_RECORD = 3;
  static final byte LAYOUT_VERSION = 1;

  private InsightRecordCodec() {}

  public static void write(Bytes<?> out, InsightRecord r) {
    out.writeByte(INSIGHT_RECORD);
    out.writeByte(LAYOUT_VERSION);
    out.writeLong(r.id());
    out.writeLong(r.receivedAtNanos());
    out.writeInt(r.frameSeqs().size());
    for (long seq : r.frameSeqs()) {
      out.writeLong(seq);
    }
    out.writeUtf8(r.provider());
    out.writeUtf8(r.model());
    out.writeInt(r.images());
    out.writeByte((byte) (r.valid() ? 1 : 0));
    out.writeUtf8(r.activity());
    out.writeUtf8(r.app());
    out.writeByte((byte) (r.needsHelp() ? 1 : 0));
    out.writeUtf8(r.suggestion());
    out.writeDouble(r.confidence());
    out.writeByte((byte) (r.notice() ? 1 : 0));
    out.writeUtf8(r.invalidReason());
    out.writeUtf8(r.rawReply());
    out.writeLong(r.inputTokens());
    out.writeLong(r.outputTokens());
  }

  /** The record, or null when the excerpt is not an insight of this layout. */
  public static InsightRecord read(Bytes<?> in) {
    if (!ExcerptReads.startsRecord(in, INSIGHT_RECORD, LAYOUT_VERSION)) {
      return null;
    }
    long id = in.readLong();
    long receivedAt = in.readLong();
    int frames = ExcerptReads.count(in, Long.BYTES, "frame");
    List<Long> seqs = new ArrayList<>(frames);
    for (int i = 0; i < frames; i++) {
      seqs.add(in.readLong());
    }
    return new InsightRecord(
        id,
        receivedAt,
        seqs,
        in.readUtf8(),
        in.readUtf8(),
        in.readInt(),
        in.readByte() != 0,
        in.readUtf8(),
        in.readUtf8(),
        in.readByte() != 0,
        in.readUtf8(),
        in.readDouble(),
        in.readByte() != 0,
        in.readUtf8(),
        in.readUtf8(),
        in.readLong(),
        in.readLong());
  }
}

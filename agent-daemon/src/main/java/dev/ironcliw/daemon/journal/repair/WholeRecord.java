package dev.ironcliw.daemon.journal.repair;

import dev.ironcliw.daemon.journal.codec.CaptureEventCodec;
import dev.ironcliw.daemon.journal.codec.ContextEventCodec;
import dev.ironcliw.daemon.journal.codec.ForgetEventCodec;
import dev.ironcliw.daemon.journal.codec.FrameRecordCodec;
import dev.ironcliw.daemon.journal.codec.InsightRecordCodec;
import dev.ironcliw.daemon.journal.codec.KeyframeCodec;
import dev.ironcliw.daemon.journal.codec.PressureEventCodec;
import dev.ironcliw.daemon.journal.codec.RetentionEventCodec;
import dev.ironcliw.daemon.journal.codec.TextRecordCodec;
import dev.ironcliw.daemon.journal.record.CaptureEventRecord;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.ForgetEventRecord;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.daemon.journal.record.InsightRecord;
import dev.ironcliw.daemon.journal.record.KeyframeRecord;
import dev.ironcliw.daemon.journal.record.PressureEventRecord;
import dev.ironcliw.daemon.journal.record.RetentionEventRecord;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.seal.RecordChecksum;
import dev.ironcliw.daemon.journal.seal.RecordSeal;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Whether a journal document's payload is one whole record the daemon writes: its checksum matches
 * (records written before checksums have none), and it is a known kind and layout that its codec
 * reads to the last byte, with a sequence number and a time that are not negative. For a record
 * without a checksum the decoding is what tells a damaged document from a good one: garbage rarely
 * decodes to exactly its own length. A sealed record is whole when its checksum matches.
 */
final class WholeRecord {
  private WholeRecord() {}

  /**
   * @param payload read from its first byte up to its read limit; its read position is moved
   */
  static boolean is(Bytes<?> payload) {
    if (payload.readRemaining() < 2) {
      return false;
    }
    if (RecordSeal.isSealed(payload)) {
      // Its content needs the history's keys; its checksum and framing tell it whole.
      return RecordSeal.isWhole(payload);
    }
    try {
      RecordChecksum.open(payload);
      boolean plausible =
          switch (payload.readByte(payload.readPosition())) {
            case FrameRecordCodec.FRAME_RECORD -> plausible(FrameRecordCodec.read(payload));
            case InsightRecordCodec.INSIGHT_RECORD -> plausible(InsightRecordCodec.read(payload));
            case CaptureEventCodec.CAPTURE_EVENT_RECORD ->
                plausible(CaptureEventCodec.read(payload));
            case PressureEventCodec.PRESSURE_EVENT_RECORD ->
                plausible(PressureEventCodec.read(payload));
            case KeyframeCodec.KEYFRAME_RECORD -> plausible(KeyframeCodec.read(payload));
            case ContextEventCodec.CONTEXT_EVENT_RECORD ->
                plausible(ContextEventCodec.read(payload));
            case RetentionEventCodec.RETENTION_EVENT_RECORD ->
                plausible(RetentionEventCodec.read(payload));
            case ForgetEventCodec.FORGET_EVENT_RECORD -> plausible(ForgetEventCodec.read(payload));
            case TextRecordCodec.TEXT_RECORD -> plausible(TextRecordCodec.read(payload));
            default -> false;
          };
      return plausible && payload.readRemaining() == 0;
    } catch (RuntimeException damaged) {
      return false;
    }
  }

  private static boolean plausible(FrameRecord r) {
    return r != null && r.seq() >= 0 && isTime(r.capturedAtNanos()) && r.width() >= 0;
  }

  private static boolean plausible(InsightRecord r) {
    return r != null && r.id() > 0 && isTime(r.receivedAtNanos());
  }

  private static boolean plausible(CaptureEventRecord r) {
    return r != null && isTime(r.timeNanos());
  }

  private static boolean plausible(PressureEventRecord r) {
    return r != null && isTime(r.timeNanos());
  }

  private static boolean plausible(ContextEventRecord r) {
    return r != null && isTime(r.timeNanos()) && r.fromSeq() >= 0;
  }

  private static boolean plausible(RetentionEventRecord r) {
    return r != null && isTime(r.timeNanos()) && r.days() >= 0 && r.bytes() >= 0;
  }

  private static boolean plausible(ForgetEventRecord r) {
    return r != null && isTime(r.timeNanos()) && r.dataKeys() >= 0;
  }

  private static boolean plausible(TextRecord r) {
    return r != null && r.seq() >= 0 && isTime(r.capturedAtNanos());
  }

  private static boolean plausible(KeyframeRecord r) {
    return r != null && r.seq() >= 0 && isTime(r.capturedAtNanos());
  }

  /** Not before 1970: inverted bytes of a time make it negative. */
  private static boolean isTime(long epochNanos) {
    return epochNanos >= 0;
  }
}

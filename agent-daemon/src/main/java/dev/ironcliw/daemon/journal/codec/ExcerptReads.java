package dev.ironcliw.daemon.journal.codec;

import dev.ironcliw.daemon.journal.record.DamagedRecordException;
import net.openhft.chronicle.bytes.Bytes;

/** Reads the codecs share that check what a damaged excerpt could get wrong. */
final class ExcerptReads {
  private ExcerptReads() {}

  /**
   * Reads the type and layout bytes every record starts with; whether they are {@code type} and
   * {@code layout} (a record of another kind or layout is not read further).
   */
  static boolean startsRecord(Bytes<?> in, byte type, byte layout) {
    return in.readRemaining() >= 2 && in.readByte() == type && in.readByte() == layout;
  }

  /**
   * Reads a count of elements of at least {@code bytesEach} bytes each that follow it.
   *
   * @throws DamagedRecordException when it is negative or the excerpt cannot hold that many
   */
  static int count(Bytes<?> in, int bytesEach, String what) {
    int count = in.readInt();
    if (count < 0 || (long) count * bytesEach > in.readRemaining()) {
      throw new DamagedRecordException(
          what + " count " + count + " does not fit the " + in.readRemaining() + " bytes left");
    }
    return count;
  }

  /**
   * Reads a byte that indexes {@code values}.
   *
   * @throws DamagedRecordException when it is not an index of one
   */
  static <E> E ordinal(Bytes<?> in, E[] values, String what) {
    int ordinal = in.readUnsignedByte();
    if (ordinal >= values.length) {
      throw new DamagedRecordException(what + " " + ordinal + " is not one of " + values.length);
    }
    return values[ordinal];
  }
}

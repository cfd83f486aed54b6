package dev.ironcliw.daemon.journal.seal;

import dev.ironcliw.daemon.crypto.KeyRing;
import dev.ironcliw.daemon.journal.record.DamagedRecordException;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The checksum before each journal record, so that a record whose bytes were damaged on disk is
 * never served as if it were whole (a zeroed page can cut a record short and leave what is left
 * decodable):
 *
 * <pre>
 *   byte  0x7E (checksummed; no record type is this value)
 *   int   CRC32C of the record's bytes that follow
 *   ...   the record as its codec writes it
 * </pre>
 *
 * Records written before the checksum existed start with their type byte and are read unchecked. A
 * record with content from the screen is sealed instead ({@link RecordSeal}), which has its own
 * checksum.
 */
public final class RecordChecksum {
  public static final byte CHECKSUMMED = 0x7E;
  public static final int PREFIX_BYTES = 1 + Integer.BYTES;
  private static final int CHUNK_BYTES = 8 * 1024;
  private static final ThreadLocal<byte[]> CHUNK =
      ThreadLocal.withInitial(() -> new byte[CHUNK_BYTES]);

  /** Each thread's checksum, reset for every record: a record's append allocates none. */
  private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

  private RecordChecksum() {}

  /**
   * Writes the prefix, then the record as {@code codec} writes it. The record is written into
   * {@code scratch} first and copied: reading back what was just written to a mapped file can touch
   * a chunk that is no longer mapped.
   *
   * @param scratch a buffer of the caller's thread, cleared here
   */
  public static <R> void write(
      Bytes<?> out, Bytes<?> scratch, BiConsumer<Bytes<?>, R> codec, R record) {
    scratch.clear();
    codec.accept(scratch, record);
    out.writeByte(CHECKSUMMED);
    out.writeInt(crc32c(scratch, scratch.readPosition(), scratch.readLimit()));
    out.write(scratch);
  }

  /**
   * The record at {@code in}'s read position, ready for its codec: past its checksum once that
   * matches (a record written without one is left as it is), or opened with its key when sealed.
   *
   * @param keys the history's keys; null when none are open (a sealed record is then damaged)
   * @return {@code in}, or for a sealed record a buffer of its bytes in clear
   * @throws DamagedRecordException when the bytes are not those that were written
   * @throws ForgottenRecordException when it is sealed with a key that was destroyed
   */
  public static Bytes<?> open(Bytes<?> in, KeyRing keys) {
    if (RecordSeal.isSealed(in)) {
      return RecordSeal.open(in, keys);
    }
    open(in);
    return in;
  }

  /**
   * Checks the checksum of the record at {@code in}'s read position and moves past it, so that a
   * codec reads the record next; a record written without one is left as it is.
   *
   * @throws DamagedRecordException when the bytes are not those that were written
   */
  public static void open(Bytes<?> in) {
    if (!isChecksummed(in)) {
      return;
    }
    if (in.readRemaining() < PREFIX_BYTES) {
      throw new DamagedRecordException("a checksummed record shorter than its checksum");
    }
    long start = in.readPosition();
    in.readSkip(1);
    int written = in.readInt();
    int read = crc32c(in, in.readPosition(), in.readLimit());
    if (read != written) {
      in.readPosition(start);
      throw new DamagedRecordException(
          String.format(
              "the record's checksum is %08x where %08x was written: its bytes changed on disk",
              read, written));
    }
  }

  /** Moves past the checksum without checking it: for reads of a few fields in place. */
  public static void skip(Bytes<?> in) {
    if (RecordSeal.isSealed(in)) {
      RecordSeal.skip(in);
    } else if (isChecksummed(in) && in.readRemaining() >= PREFIX_BYTES) {
      in.readSkip(PREFIX_BYTES);
    }
  }

  /** The type byte of the record at {@code in}'s read position, past its checksum; -1 if none. */
  public static int recordType(Bytes<?> in) {
    long at =
        in.readPosition()
            + (RecordSeal.isSealed(in)
                ? RecordSeal.PREFIX_BYTES
                : isChecksummed(in) ? PREFIX_BYTES : 0);
    return at < in.readLimit() ? in.readUnsignedByte(at) : -1;
  }

  private static boolean isChecksummed(Bytes<?> in) {
    return in.readRemaining() > 0 && in.readByte(in.readPosition()) == CHECKSUMMED;
  }

  /** The bytes from {@code in}'s read position to its limit, read in order; moves to the limit. */
  static byte[] readRemaining(Bytes<?> in) {
    long left = in.readRemaining();
    if (left > Integer.MAX_VALUE - 16) {
      throw new DamagedRecordException("a record of " + left + " bytes");
    }
    byte[] all = new byte[(int) left];
    for (int at = 0; at < all.length; ) {
      // A mapped file's read stops at the end of its mapped chunk: fewer bytes than asked.
      int n = in.read(all, at, all.length - at);
      if (n <= 0) {
        throw new DamagedRecordException("a record that ends before its length");
      }
      at += n;
    }
    return all;
  }

  /** Reads in order, as a codec does: a mapped document is read that way, never by offset. */
  private static int crc32c(Bytes<?> bytes, long from, long to) {
    long position = bytes.readPosition();
    CRC32C crc = CRC.get();
    crc.reset();
    byte[] chunk = CHUNK.get();
    bytes.readPosition(from);
    try {
      for (long left = to - from; left > 0; ) {
        // A mapped file's read stops at the end of its mapped chunk: fewer bytes than asked.
        int n = bytes.read(chunk, 0, (int) Math.min(chunk.length, left));
        if (n <= 0) {
          throw new DamagedRecordException("a record that ends before its length");
        }
        crc.update(chunk, 0, n);
        left -= n;
      }
    } finally {
      bytes.readPosition(position);
    }
    return (int) crc.getValue();
  }
}

package dev.ironcliw.daemon.journal.seal;

import dev.ironcliw.daemon.crypto.DataKey;
import dev.ironcliw.daemon.crypto.Gcm;
import dev.ironcliw.daemon.crypto.KeyRing;
import dev.ironcliw.daemon.journal.record.DamagedRecordException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import net.openhft.chronicle.bytes.Bytes;

/**
 * A journal record sealed with one of the history's data keys (AES-GCM):
 *
 * <pre>
 *   byte   0x7D (sealed; no record type is this value)
 *   int    CRC32C of the bytes that follow (damage is told from a wrong key before decrypting)
 *   int    dataKeyId
 *   short  clearBytes: how many of the record's first bytes stay in clear
 *   byte[clearBytes]  the record's first bytes: its type and layout, and what the index built at
 *                     start reads in place (a keyframe's seq, time and sizes; a text's seq and
 *                     time); authenticated with the rest
 *   byte[12] nonce    ciphertext of the rest of the record    byte[16] tag
 * </pre>
 */
public final class RecordSeal {
  public static final byte SEALED = 0x7D;

  /** From the first byte to the record's clear bytes. */
  public static final int PREFIX_BYTES = 1 + Integer.BYTES + Integer.BYTES + Short.BYTES;

  /** The least kept in clear: the record's type and layout bytes. */
  public static final int TYPE_AND_LAYOUT_BYTES = 2;

  private RecordSeal() {}

  /**
   * Writes {@code record} as {@code codec} writes it, sealed with {@code key}, its first {@code
   * clearBytes} bytes kept in clear.
   *
   * @param scratch a buffer of the caller's thread, cleared here
   */
  public static <R> void write(
      Bytes<?> out,
      Bytes<?> scratch,
      java.util.function.BiConsumer<Bytes<?>, R> codec,
      R record,
      DataKey key,
      int clearBytes) {
    scratch.clear();
    codec.accept(scratch, record);
    byte[] plain = scratch.toByteArray();
    int clear = Math.min(clearBytes, plain.length);
    byte[] clearPart = Arrays.copyOf(plain, clear);
    byte[] sealed = Gcm.seal(key.key(), clearPart, plain, clear, plain.length - clear);
    ByteBuffer body =
        ByteBuffer.allocate(PREFIX_BYTES - 1 - Integer.BYTES + clear + sealed.length)
            .putInt(key.id())
            .putShort((short) clear)
            .put(clearPart)
            .put(sealed);
    CRC32C crc = new CRC32C();
    crc.update(body.array());
    out.writeByte(SEALED);
    out.writeInt((int) crc.getValue());
    out.write(body.array());
  }

  public static boolean isSealed(Bytes<?> in) {
    return in.readRemaining() > 0 && in.readByte(in.readPosition()) == SEALED;
  }

  /**
   * The record sealed at {@code in}'s read position, opened: a buffer of its bytes in clear, read
   * from the start (its type byte). {@code in} is read to its end.
   *
   * @throws DamagedRecordException when its bytes changed on disk, or it does not open with its key
   * @throws ForgottenRecordException when its key was destroyed
   */
  public static Bytes<?> open(Bytes<?> in, KeyRing keys) {
    ByteBuffer body = checkedBody(in);
    int keyId = body.getInt();
    int clear = Short.toUnsignedInt(body.getShort());
    if (clear > body.remaining() - Gcm.OVERHEAD_BYTES) {
      throw new DamagedRecordException("a sealed record whose clear part outgrows it");
    }
    byte[] clearPart = new byte[clear];
    body.get(clearPart);
    byte[] sealed = new byte[body.remaining()];
    body.get(sealed);
    SecretKey key = keys == null ? null : keys.key(keyId);
    if (key == null) {
      if (keys == null) {
        throw new DamagedRecordException("a sealed record read without the history's keys");
      }
      throw new ForgottenRecordException(keyId);
    }
    byte[] rest;
    try {
      rest = Gcm.open(key, clearPart, sealed);
    } catch (AEADBadTagException e) {
      throw new DamagedRecordException("a sealed record that does not open with its key " + keyId);
    }
    byte[] plain = Arrays.copyOf(clearPart, clear + rest.length);
    System.arraycopy(rest, 0, plain, clear, rest.length);
    return Bytes.wrapForRead(plain);
  }

  /**
   * Whether the sealed record at {@code in}'s read position is whole: its checksum matches and its
   * parts fit. Reads {@code in} to its end.
   */
  public static boolean isWhole(Bytes<?> in) {
    try {
      ByteBuffer body = checkedBody(in);
      body.getInt();
      int clear = Short.toUnsignedInt(body.getShort());
      return clear >= 2 && clear <= body.remaining() - Gcm.OVERHEAD_BYTES;
    } catch (RuntimeException damaged) {
      return false;
    }
  }

  /** Moves past the prefix to the clear bytes, for reads of them in place. */
  static void skip(Bytes<?> in) {
    if (in.readRemaining() >= PREFIX_BYTES) {
      in.readSkip(PREFIX_BYTES);
    }
  }

  /** The body after the checksum, once it matches. */
  private static ByteBuffer checkedBody(Bytes<?> in) {
    if (in.readRemaining() < PREFIX_BYTES + Gcm.OVERHEAD_BYTES) {
      throw new DamagedRecordException("a sealed record shorter than its prefix");
    }
    in.readSkip(1);
    int written = in.readInt();
    byte[] body = RecordChecksum.readRemaining(in);
    CRC32C crc = new CRC32C();
    crc.update(body);
    if ((int) crc.getValue() != written) {
      throw new DamagedRecordException(
          String.format(
              "the sealed record's checksum is %08x where %08x was written: its bytes changed on"
                  + " disk",
              (int) crc.getValue(), written));
    }
    return ByteBuffer.wrap(body);
  }
}

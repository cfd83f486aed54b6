package dev.ironcliw.daemon.search;

import java.io.EOFException;
import java.io.IOException;
import javax.crypto.SecretKey;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.BitUtil;

/**
 * A file of {@link EncryptedDirectory} read in clear, from any offset, or a slice of one.
 * Sequential reads go through a 1 KiB buffer, decrypted as it is filled; a read at a position
 * ({@link RandomAccessInput}, which doc values, points and norms use for a few bytes at a time)
 * decrypts only the bytes it reads, where Lucene's {@code BufferedIndexInput} would fill, and
 * decrypt, a whole buffer for each. A clone or slice reads through a clone of the file.
 */
final class DecryptingInput extends IndexInput implements RandomAccessInput {
  private static final int BUFFER_BYTES = 1024;

  private IndexInput raw;
  private final long offset;
  private final long length;
  private final SecretKey key;
  private final byte[] base;
  private CtrCipher cipher;
  private byte[] buffer = new byte[BUFFER_BYTES];
  private final byte[] scratch = new byte[Long.BYTES];

  /** Clear bytes of [bufferStart, bufferStart + bufferLength) are in the buffer. */
  private long bufferStart;

  private int bufferLength;
  private int bufferPosition;

  /**
   * @param raw the encrypted file, header included
   * @param offset where this input starts among the file's clear bytes
   * @param length how many clear bytes it has
   */
  DecryptingInput(
      String description, IndexInput raw, long offset, long length, SecretKey key, byte[] base) {
    super(description);
    this.raw = raw;
    this.offset = offset;
    this.length = length;
    this.key = key;
    this.base = base;
    this.cipher = new CtrCipher(key, base);
  }

  /** Reads and decrypts {@code n} clear bytes at {@code position} of this input. */
  private void decrypt(long position, byte[] into, int at, int n) throws IOException {
    if (position < 0 || position + n > length) {
      throw new EOFException(
          "read past the end of " + this + ": " + (position + n) + " > " + length);
    }
    raw.seek(EncryptedDirectory.HEADER_BYTES + offset + position);
    raw.readBytes(into, at, n);
    cipher.at(offset + position);
    cipher.apply(into, at, n);
  }

  private void refill() throws IOException {
    long position = bufferStart + bufferPosition;
    int n = (int) Math.min(BUFFER_BYTES, length - position);
    if (n <= 0) {
      throw new EOFException("read past the end of " + this);
    }
    decrypt(position, buffer, 0, n);
    bufferStart = position;
    bufferLength = n;
    bufferPosition = 0;
  }

  @Override
  public byte readByte() throws IOException {
    if (bufferPosition >= bufferLength) {
      refill();
    }
    return buffer[bufferPosition++];
  }

  @Override
  public void readBytes(byte[] b, int at, int n) throws IOException {
    int available = bufferLength - bufferPosition;
    if (n <= available) {
      System.arraycopy(buffer, bufferPosition, b, at, n);
      bufferPosition += n;
      return;
    }
    if (available > 0) {
      System.arraycopy(buffer, bufferPosition, b, at, available);
      bufferPosition += available;
      at += available;
      n -= available;
    }
    if (n >= BUFFER_BYTES) {
      // Straight into the caller's array; the buffer starts after it.
      long position = bufferStart + bufferPosition;
      decrypt(position, b, at, n);
      bufferStart = position + n;
      bufferLength = 0;
      bufferPosition = 0;
      return;
    }
    refill();
    if (n > bufferLength) {
      throw new EOFException("read past the end of " + this);
    }
    System.arraycopy(buffer, 0, b, at, n);
    bufferPosition = n;
  }

  @Override
  public short readShort() throws IOException {
    if (bufferLength - bufferPosition >= Short.BYTES) {
      short v = (short) BitUtil.VH_LE_SHORT.get(buffer, bufferPosition);
      bufferPosition += Short.BYTES;
      return v;
    }
    return super.readShort();
  }

  @Override
  public int readInt() throws IOException {
    if (bufferLength - bufferPosition >= Integer.BYTES) {
      int v = (int) BitUtil.VH_LE_INT.get(buffer, bufferPosition);
      bufferPosition += Integer.BYTES;
      return v;
    }
    return super.readInt();
  }

  @Override
  public long readLong() throws IOException {
    if (bufferLength - bufferPosition >= Long.BYTES) {
      long v = (long) BitUtil.VH_LE_LONG.get(buffer, bufferPosition);
      bufferPosition += Long.BYTES;
      return v;
    }
    return super.readLong();
  }

  @Override
  public long getFilePointer() {
    return bufferStart + bufferPosition;
  }

  @Override
  public void seek(long position) throws IOException {
    if (position < 0 || position > length) {
      throw new EOFException("seek to " + position + " outside " + this + " (" + length + ")");
    }
    if (position >= bufferStart && position <= bufferStart + bufferLength) {
      bufferPosition = (int) (position - bufferStart);
    } else {
      bufferStart = position;
      bufferLength = 0;
      bufferPosition = 0;
    }
  }

  @Override
  public long length() {
    return length;
  }

  /** The bytes at {@code position}: from the buffer when it holds them, else just those. */
  private byte[] at(long position, int n) throws IOException {
    decrypt(position, scratch, 0, n);
    return scratch;
  }

  private int inBuffer(long position, int n) {
    long from = position - bufferStart;
    return from >= 0 && from + n <= bufferLength ? (int) from : -1;
  }

  @Override
  public byte readByte(long position) throws IOException {
    int i = inBuffer(position, 1);
    return i >= 0 ? buffer[i] : at(position, 1)[0];
  }

  @Override
  public short readShort(long position) throws IOException {
    int i = inBuffer(position, Short.BYTES);
    return i >= 0
        ? (short) BitUtil.VH_LE_SHORT.get(buffer, i)
        : (short) BitUtil.VH_LE_SHORT.get(at(position, Short.BYTES), 0);
  }

  @Override
  public int readInt(long position) throws IOException {
    int i = inBuffer(position, Integer.BYTES);
    return i >= 0
        ? (int) BitUtil.VH_LE_INT.get(buffer, i)
        : (int) BitUtil.VH_LE_INT.get(at(position, Integer.BYTES), 0);
  }

  @Override
  public long readLong(long position) throws IOException {
    int i = inBuffer(position, Long.BYTES);
    return i >= 0
        ? (long) BitUtil.VH_LE_LONG.get(buffer, i)
        : (long) BitUtil.VH_LE_LONG.get(at(position, Long.BYTES), 0);
  }

  @Override
  public void readBytes(long position, byte[] b, int at, int n) throws IOException {
    int i = inBuffer(position, n);
    if (i >= 0) {
      System.arraycopy(buffer, i, b, at, n);
    } else {
      decrypt(position, b, at, n);
    }
  }

  @Override
  public DecryptingInput clone() {
    DecryptingInput copy = (DecryptingInput) super.clone();
    copy.raw = raw.clone();
    copy.cipher = new CtrCipher(key, base);
    copy.buffer = buffer.clone();
    return copy;
  }

  @Override
  public IndexInput slice(String description, long sliceOffset, long sliceLength)
      throws IOException {
    if (sliceOffset < 0 || sliceLength < 0 || sliceOffset + sliceLength > length) {
      throw new IllegalArgumentException(
          "slice " + description + " (" + sliceOffset + ", " + sliceLength + ") outside " + this);
    }
    return new DecryptingInput(
        getFullSliceDescription(description),
        raw.clone(),
        offset + sliceOffset,
        sliceLength,
        key,
        base);
  }

  @Override
  public void close() throws IOException {
    // A clone's or slice's file is a clone too, whose close leaves the file open.
    raw.close();
  }
}

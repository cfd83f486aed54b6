package dev.ironcliw.daemon.search;

import dev.ironcliw.daemon.crypto.DataKey;
import dev.ironcliw.daemon.crypto.KeyRing;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.zip.CRC32;
import javax.crypto.SecretKey;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;

/**
 * The text index's files encrypted with AES-CTR under the history's index key ({@link
 * KeyRing#indexKey}): the words the user read, the window titles and insights never reach the disk
 * in clear. Each file is
 *
 * <pre>
 *   byte[4] "IRCE"   int dataKeyId   byte[16] counter base (random per file)
 *   the file's bytes, XORed with AES-CTR's key stream from that base
 * </pre>
 *
 * Lucene sees the clear bytes, so its own checksums (of every file's clear content) catch damage
 * and a wrong key alike.
 */
final class EncryptedDirectory extends FilterDirectory {
  static final byte[] MAGIC = {'I', 'R', 'C', 'E'};
  static final int HEADER_BYTES = MAGIC.length + Integer.BYTES + CtrCipher.BLOCK_BYTES;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyRing keys;

  EncryptedDirectory(Directory in, KeyRing keys) {
    super(in);
    this.keys = keys;
  }

  /** Whether {@code name} in {@code dir} starts as a file this class wrote. */
  static boolean isEncrypted(Directory dir, String name) throws IOException {
    try (IndexInput input = dir.openInput(name, IOContext.READONCE)) {
      if (input.length() < HEADER_BYTES) {
        return false;
      }
      byte[] magic = new byte[MAGIC.length];
      input.readBytes(magic, 0, magic.length);
      return java.util.Arrays.equals(magic, MAGIC);
    }
  }

  @Override
  public IndexOutput createOutput(String name, IOContext context) throws IOException {
    return new Output(in.createOutput(name, context), keys.indexKey());
  }

  @Override
  public IndexOutput createTempOutput(String prefix, String suffix, IOContext context)
      throws IOException {
    return new Output(in.createTempOutput(prefix, suffix, context), keys.indexKey());
  }

  @Override
  public long fileLength(String name) throws IOException {
    return Math.max(0, in.fileLength(name) - HEADER_BYTES);
  }

  @Override
  public IndexInput openInput(String name, IOContext context) throws IOException {
    IndexInput raw = in.openInput(name, context);
    try {
      if (raw.length() < HEADER_BYTES) {
        throw new IOException(name + " is shorter than its encryption header");
      }
      byte[] magic = new byte[MAGIC.length];
      raw.readBytes(magic, 0, magic.length);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IOException(name + " is not encrypted: written by a daemon that did not encrypt");
      }
      int keyId = raw.readInt();
      byte[] base = new byte[CtrCipher.BLOCK_BYTES];
      raw.readBytes(base, 0, base.length);
      SecretKey key = keys.key(keyId);
      if (key == null) {
        throw new IOException(name + " is encrypted with key " + keyId + ", which is gone");
      }
      return new DecryptingInput(
          "encrypted(" + name + ")", raw, 0, raw.length() - HEADER_BYTES, key, base);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Encrypts as it writes; its pointer and checksum are of the clear bytes, as Lucene expects. */
  private static final class Output extends IndexOutput {
    private static final int BUFFER_BYTES = 8192;
    private final IndexOutput out;
    private final CtrCipher cipher;
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int buffered;
    private long written;

    Output(IndexOutput out, DataKey key) throws IOException {
      super("encrypted(" + out + ")", out.getName());
      this.out = out;
      byte[] base = new byte[CtrCipher.BLOCK_BYTES];
      RANDOM.nextBytes(base);
      this.cipher = new CtrCipher(key.key(), base);
      cipher.at(0);
      out.writeBytes(MAGIC, MAGIC.length);
      out.writeInt(key.id());
      out.writeBytes(base, base.length);
    }

    @Override
    public void writeByte(byte b) throws IOException {
      if (buffered == buffer.length) {
        flush();
      }
      buffer[buffered++] = b;
      crc.update(b);
      written++;
    }

    @Override
    public void writeBytes(byte[] bytes, int offset, int length) throws IOException {
      crc.update(bytes, offset, length);
      written += length;
      while (length > 0) {
        if (buffered == buffer.length) {
          flush();
        }
        int n = Math.min(length, buffer.length - buffered);
        System.arraycopy(bytes, offset, buffer, buffered, n);
        buffered += n;
        offset += n;
        length -= n;
      }
    }

    private void flush() throws IOException {
      cipher.apply(buffer, 0, buffered);
      out.writeBytes(buffer, 0, buffered);
      buffered = 0;
    }

    @Override
    public long getFilePointer() {
      return written;
    }

    @Override
    public long getChecksum() {
      return crc.getValue();
    }

    @Override
    public void close() throws IOException {
      try (out) {
        flush();
      }
    }
  }
}

package dev.ironcliw.daemon.search;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-CTR over a file, from any byte offset: the counter block of offset {@code p} is the file's
 * random 128-bit base plus {@code p / 16}, so a read at {@code p} needs no earlier byte. (The index
 * files carry Lucene's own checksums of their clear bytes; CTR adds secrecy, not integrity.) Not
 * thread-safe: one per input or output.
 */
final class CtrCipher {
  static final int BLOCK_BYTES = 16;
  private final Cipher cipher;
  private final SecretKey key;
  private final byte[] base;
  private final byte[] skip = new byte[BLOCK_BYTES];

  CtrCipher(SecretKey key, byte[] base) {
    this.key = key;
    this.base = base.clone();
    try {
      this.cipher = Cipher.getInstance("AES/CTR/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no AES-CTR", e);
    }
  }

  /** Starts the key stream at byte {@code offset} of the file. */
  void at(long offset) {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counter(offset / BLOCK_BYTES)));
      int into = (int) (offset % BLOCK_BYTES);
      if (into > 0) {
        cipher.update(skip, 0, into, new byte[into]);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR refused the index key", e);
    }
  }

  /** XORs the next {@code length} bytes of the key stream into {@code bytes[from...]}, in place. */
  void apply(byte[] bytes, int from, int length) {
    try {
      cipher.update(bytes, from, length, bytes, from);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The base plus {@code block}, as a 128-bit big-endian number. */
  private byte[] counter(long block) {
    byte[] iv = base.clone();
    long carry = block;
    for (int i = iv.length - 1; i >= 0 && carry != 0; i--) {
      long sum = (iv[i] & 0xFF) + (carry & 0xFF);
      iv[i] = (byte) sum;
      carry = (carry >>> 8) + (sum >>> 8);
    }
    return iv;
  }
}

package dev.ironcliw.daemon.search;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;

/**
 * AES-CTR over a file, from any byte offset: the counter block of offset {@code p} is the file's
 * random 128-bit base plus {@code p / 16}, so a read at {@code p} needs no earlier byte. The key
 * stream is AES (ECB, one block at a time, the JDK's AES-NI intrinsic) of the counter blocks, made
 * here: the key is expanded once per thread, not at every read as re-initialising a CTR cipher
 * would, nor for every clone of an input (Lucene clones them for each term it looks up). (The index
 * files carry Lucene's own checksums of their clear bytes; CTR adds secrecy, not integrity.) Not
 * thread-safe: one per input or output.
 */
final class CtrCipher {
  static final int BLOCK_BYTES = 16;

  /** A thread's AES, and the key it was expanded for. */
  private static final class KeyedAes {
    SecretKey key;
    Cipher aes;
  }

  private static final ThreadLocal<KeyedAes> AES = ThreadLocal.withInitial(KeyedAes::new);

  private final SecretKey key;
  private final byte[] base;
  private byte[] counters = new byte[0];
  private byte[] stream = new byte[0];
  private long position;

  CtrCipher(SecretKey key, byte[] base) {
    this.key = key;
    this.base = base.clone();
  }

  /** This thread's AES, expanded for {@link #key}. */
  private Cipher aes() {
    KeyedAes keyed = AES.get();
    if (keyed.key != key) {
      try {
        if (keyed.aes == null) {
          keyed.aes = Cipher.getInstance("AES/ECB/NoPadding");
        }
        keyed.aes.init(Cipher.ENCRYPT_MODE, key);
        keyed.key = key;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JDK has no AES, or refused the index key", e);
      }
    }
    return keyed.aes;
  }

  /** Starts the key stream at byte {@code offset} of the file. */
  void at(long offset) {
    position = offset;
  }

  /** XORs the next {@code length} bytes of the key stream into {@code bytes[from...]}, in place. */
  void apply(byte[] bytes, int from, int length) {
    if (length == 0) {
      return;
    }
    long firstBlock = position / BLOCK_BYTES;
    int skip = (int) (position % BLOCK_BYTES);
    int blocks = (skip + length + BLOCK_BYTES - 1) / BLOCK_BYTES;
    int streamBytes = blocks * BLOCK_BYTES;
    if (counters.length < streamBytes) {
      counters = new byte[streamBytes];
      stream = new byte[streamBytes];
    }
    for (int b = 0; b < blocks; b++) {
      counter(firstBlock + b, counters, b * BLOCK_BYTES);
    }
    try {
      aes().update(counters, 0, streamBytes, stream, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < length; i++) {
      bytes[from + i] ^= stream[skip + i];
    }
    position += length;
  }

  /** The base plus {@code block}, as a 128-bit big-endian number, into {@code out[at...]}. */
  private void counter(long block, byte[] out, int at) {
    System.arraycopy(base, 0, out, at, BLOCK_BYTES);
    long carry = block;
    for (int i = BLOCK_BYTES - 1; i >= 0 && carry != 0; i--) {
      long sum = (out[at + i] & 0xFF) + (carry & 0xFF);
      out[at + i] = (byte) sum;
      carry = (carry >>> 8) + (sum >>> 8);
    }
  }
}

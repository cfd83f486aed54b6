package dev.ironcliw.daemon.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM as the history uses it (the JDK's provider, which runs on AES-NI and PCLMULQDQ or their
 * ARM counterparts): a fresh random 96-bit nonce per message, a 128-bit tag. A sealed message is
 *
 * <pre>
 *   byte[12] nonce   byte[n] ciphertext   byte[16] tag
 * </pre>
 *
 * Random nonces are safe for 2^32 messages a key; each key of the history seals a minute's records.
 */
public final class Gcm {
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = 16;
  public static final int OVERHEAD_BYTES = NONCE_BYTES + TAG_BYTES;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ThreadLocal<Cipher> CIPHER =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("this JDK has no AES-GCM", e);
            }
          });

  private Gcm() {}

  /** {@code plain[from, from + length)} sealed, {@code aad} authenticated with it. */
  public static byte[] seal(SecretKey key, byte[] aad, byte[] plain, int from, int length) {
    byte[] out = new byte[NONCE_BYTES + length + TAG_BYTES];
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
    try {
      Cipher cipher = CIPHER.get();
      cipher.init(
          Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, out, 0, NONCE_BYTES));
      if (aad.length > 0) {
        cipher.updateAAD(aad);
      }
      cipher.doFinal(plain, from, length, out, NONCE_BYTES);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM refused a key of the history", e);
    }
  }

  public static byte[] seal(SecretKey key, byte[] aad, byte[] plain) {
    return seal(key, aad, plain, 0, plain.length);
  }

  /**
   * The message {@code sealed} holds.
   *
   * @throws AEADBadTagException when it was not sealed with {@code key} and {@code aad}, or was
   *     changed since
   */
  public static byte[] open(SecretKey key, byte[] aad, byte[] sealed) throws AEADBadTagException {
    if (sealed.length < OVERHEAD_BYTES) {
      throw new AEADBadTagException("a sealed message shorter than its nonce and tag");
    }
    try {
      Cipher cipher = CIPHER.get();
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, 0, NONCE_BYTES));
      if (aad.length > 0) {
        cipher.updateAAD(aad);
      }
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM refused a key of the history", e);
    }
  }

  /** A new random 256-bit AES key. */
  public static byte[] newKeyBytes() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }
}

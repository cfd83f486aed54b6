package dev.ironcliw.daemon.api;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a local client knows it is talking to the daemon before it sends the token: it sends a fresh
 * nonce to {@code GET /api/v1/proof} (no token needed) and the daemon answers HMAC-SHA256 of the
 * nonce and the port it listens on, keyed with the token. Only a process that holds the token can
 * answer; the port in the proof keeps a listener on another port from relaying the question to the
 * real daemon. Stateless and thread-safe.
 */
public final class TokenProof {
  /** Bytes of a nonce the client makes; the daemon accepts 16 to 64. */
  static final int NONCE_BYTES = 32;

  static final int MIN_NONCE_BYTES = 16;
  static final int MAX_NONCE_BYTES = 64;

  private TokenProof() {}

  /** A fresh nonce, hex. */
  public static String nonce() {
    byte[] bytes = new byte[NONCE_BYTES];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The proof, hex, that a holder of {@code token} gives for {@code nonce} on {@code port}. */
  public static String of(byte[] token, int port, String nonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token, "HmacSHA256"));
      byte[] proof =
          mac.doFinal(
              ("ironcliw-proof\n" + port + "\n" + nonce).getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(proof);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** True when {@code answer} is the proof for {@code token}, {@code port} and {@code nonce}. */
  public static boolean holds(String token, int port, String nonce, String answer) {
    if (answer == null) {
      return false;
    }
    byte[] expected =
        of(token.getBytes(StandardCharsets.US_ASCII), port, nonce)
            .getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, answer.getBytes(StandardCharsets.US_ASCII));
  }

  /** True for a nonce the daemon answers: 16 to 64 bytes, hex. */
  static boolean validNonce(String nonce) {
    return nonce != null
        && nonce.length() >= 2 * MIN_NONCE_BYTES
        && nonce.length() <= 2 * MAX_NONCE_BYTES
        && nonce.length() % 2 == 0
        && nonce.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }
}

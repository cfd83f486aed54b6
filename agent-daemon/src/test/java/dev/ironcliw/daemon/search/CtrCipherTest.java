package dev.ironcliw.daemon.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The index files' key stream is the JDK's AES-CTR, from any offset and in any pieces: checked
 * against {@code AES/CTR/NoPadding} from the start, for bases whose counter carries across bytes
 * and wraps.
 */
class CtrCipherTest {
  @Test
  void shouldMatchTheJdksCtrFromAnyOffsetInAnyPieces() throws Exception {
    Random random = new Random(11);
    byte[] keyBytes = new byte[32];
    random.nextBytes(keyBytes);
    SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
    byte[][] bases = {randomBlock(random), ones(16), ones(8, 16)};
    for (byte[] base : bases) {
      byte[] clear = new byte[5000];
      random.nextBytes(clear);
      Cipher jdk = Cipher.getInstance("AES/CTR/NoPadding");
      jdk.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(base));
      byte[] expected = jdk.doFinal(clear);

      CtrCipher ours = new CtrCipher(key, base);
      byte[] sequential = clear.clone();
      ours.at(0);
      for (int at = 0; at < sequential.length; ) {
        int n = Math.min(sequential.length - at, 1 + random.nextInt(700));
        ours.apply(sequential, at, n);
        at += n;
      }
      assertArrayEquals(expected, sequential, "in pieces from the start");

      for (int trial = 0; trial < 200; trial++) {
        int from = random.nextInt(clear.length);
        int length = random.nextInt(clear.length - from + 1);
        byte[] piece = Arrays.copyOfRange(clear, from, from + length);
        ours.at(from);
        ours.apply(piece, 0, length);
        assertArrayEquals(Arrays.copyOfRange(expected, from, from + length), piece, "at " + from);
      }
    }
  }

  private static byte[] randomBlock(Random random) {
    byte[] block = new byte[16];
    random.nextBytes(block);
    return block;
  }

  /** A base whose bytes from {@code from} on are 0xFF: the counter carries, or wraps, at once. */
  private static byte[] ones(int from, int to) {
    byte[] block = new byte[16];
    Arrays.fill(block, from, to, (byte) 0xFF);
    return block;
  }

  private static byte[] ones(int to) {
    return ones(0, to);
  }
}

package dev.ironcliw.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged PNG files in a replay directory: flipped bytes, cut short, bytes inserted, a header that
 * claims a huge image. Each is a frame or a skipped file; the source never throws once open.
 */
class ReplaySourceFuzzTest {
  private static final int ROUNDS = 150;

  @TempDir Path temp;

  @Test
  void shouldTurnEveryDamagedFileIntoAFrameOrASkipAndNeverThrow() throws Exception {
    byte[] valid = png(64, 48);
    Random random = new Random(42);
    int frames = 0;
    long skipped = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Path dir = Files.createDirectories(temp.resolve("round-" + round));
      Files.write(dir.resolve("0-valid.png"), valid);
      for (int file = 0; file < 4; file++) {
        Files.write(dir.resolve((file + 1) + "-damaged.png"), damage(valid, random));
      }
      ReplaySource source = ReplaySource.open(dir); // one valid file: it must open
      assertTrue(source.maxWidth() <= ReplaySource.MAX_EDGE, "width " + source.maxWidth());
      assertTrue(source.maxHeight() <= ReplaySource.MAX_EDGE, "height " + source.maxHeight());
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment pixels = arena.allocate(4L * source.maxWidth() * source.maxHeight());
        int roundFrames = 0;
        while (source.grab(0, 0) == Grab.FRAME) {
          source.copyFrameTo(pixels, source.frameWidth() * 4);
          roundFrames++;
        }
        assertTrue(roundFrames >= 1, "the valid file is a frame in round " + round);
        assertEquals(5, roundFrames + source.skippedFrames(), "every file, round " + round);
        frames += roundFrames;
        skipped += source.skippedFrames();
      }
    }
    assertTrue(skipped > ROUNDS, "damaged files skipped: " + skipped + ", frames: " + frames);
  }

  /** One of the kinds of damage, at random. */
  private static byte[] damage(byte[] png, Random random) {
    byte[] out = png.clone();
    switch (random.nextInt(5)) {
      case 0 -> {
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
          out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
      case 2 -> {
        int at = random.nextInt(out.length);
        byte[] extra = new byte[1 + random.nextInt(32)];
        random.nextBytes(extra);
        ByteBuffer grown = ByteBuffer.allocate(out.length + extra.length);
        grown.put(out, 0, at).put(extra).put(out, at, out.length - at);
        out = grown.array();
      }
      case 3 -> hugeHeader(out, 1 + random.nextInt(Integer.MAX_VALUE), 1 + random.nextInt(65536));
      default -> hugeHeader(out, 100_000, 100_000);
    }
    return out;
  }

  /** A header under the size limit whose image would not fit the heap is skipped, not decoded. */
  @Test
  void shouldSkipAFileTooLargeToDecodeInTheHeap(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("a.png"), png(64, 48));
    byte[] claimsMore = png(64, 48);
    hugeHeader(claimsMore, 4096, 4096); // 64 MiB decoded
    Files.write(dir.resolve("b.png"), claimsMore);
    ReplaySource source = ReplaySource.open(dir, 128L << 20);
    assertEquals(1, source.skippedFrames());
    assertEquals(64, source.maxWidth());
    assertEquals(Grab.FRAME, source.grab(0, 0));
    assertEquals(Grab.ENDED, source.grab(0, 1));
  }

  /** Sets the IHDR chunk's width and height and makes its CRC right again. */
  private static void hugeHeader(byte[] png, int width, int height) {
    ByteBuffer bytes = ByteBuffer.wrap(png); // IHDR: length at 8, type at 12, data at 16
    bytes.putInt(16, width).putInt(20, height);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 4 + 13);
    bytes.putInt(16 + 13, (int) crc.getValue());
  }

  private static byte[] png(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, x * 4 << 16 | y * 5 << 8 | (x ^ y));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}

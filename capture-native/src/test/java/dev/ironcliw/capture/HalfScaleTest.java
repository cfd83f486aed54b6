package dev.ironcliw.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfScaleTest {
  /** Channel by channel, (a + b + c + d + 2) / 4: what every output pixel must be. */
  private static int expectedMean(int a, int b, int c, int d) {
    int result = 0;
    for (int shift = 0; shift < 32; shift += 8) {
      int sum =
          (a >>> shift & 0xFF) + (b >>> shift & 0xFF) + (c >>> shift & 0xFF) + (d >>> shift & 0xFF);
      result |= ((sum + 2) / 4) << shift;
    }
    return result;
  }

  @Test
  void shouldAverageEachTwoByTwoBlockChannelByChannel() {
    Random random = new Random(11);
    int[] extremes = {0, 0xFFFFFFFF, 0x01010101, 0xFEFEFEFE, 0x80808080, 0x7F7F7F7F};
    for (int trial = 0; trial < 20_000; trial++) {
      int[] p = new int[4];
      for (int i = 0; i < 4; i++) {
        p[i] = trial < 1296 ? extremes[(trial / (int) Math.pow(6, i)) % 6] : random.nextInt();
      }
      long top = (p[0] & 0xFFFFFFFFL) | ((long) p[1] << 32);
      long bottom = (p[2] & 0xFFFFFFFFL) | ((long) p[3] << 32);
      assertEquals(
          expectedMean(p[0], p[1], p[2], p[3]),
          HalfScale.mean(top, bottom),
          () -> "pixels " + Integer.toHexString(p[0]) + " " + Integer.toHexString(p[1]));
    }
  }

  @Test
  void shouldHalveAnImageBetweenStridesAndOffsetsLeavingOutAnOddLastColumnAndRow() {
    int width = 37;
    int height = 23;
    long fromStride = width * 4L + 12;
    long fromOffset = 3 * fromStride + 8; // a display that starts at x=2, y=3 of a larger image
    int widthOut = width / 2;
    int rowsOut = height / 2;
    long toStride = widthOut * 4L + 4;
    long toOffset = 20;
    Random random = new Random(5);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment from = arena.allocate(fromOffset + fromStride * height);
      int[][] pixels = new int[height][width];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          pixels[y][x] = random.nextInt();
          from.set(
              ValueLayout.JAVA_INT_UNALIGNED, fromOffset + y * fromStride + 4L * x, pixels[y][x]);
        }
      }
      MemorySegment to = arena.allocate(toOffset + toStride * rowsOut);
      to.fill((byte) 0x5A);
      HalfScale.copy(from, fromOffset, fromStride, to, toOffset, toStride, widthOut, rowsOut);
      for (int y = 0; y < rowsOut; y++) {
        for (int x = 0; x < widthOut; x++) {
          int expected =
              expectedMean(
                  pixels[2 * y][2 * x],
                  pixels[2 * y][2 * x + 1],
                  pixels[2 * y + 1][2 * x],
                  pixels[2 * y + 1][2 * x + 1]);
          assertEquals(
              expected,
              to.get(ValueLayout.JAVA_INT_UNALIGNED, toOffset + y * toStride + 4L * x),
              "pixel " + x + "," + y);
        }
        // The stride's padding past each row is not written.
        assertEquals(
            0x5A5A5A5A,
            to.get(ValueLayout.JAVA_INT_UNALIGNED, toOffset + y * toStride + 4L * widthOut));
      }
    }
  }
}

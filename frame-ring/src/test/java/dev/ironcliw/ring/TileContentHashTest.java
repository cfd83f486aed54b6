package dev.ironcliw.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tile hash names what the user sees: any visible change to any pixel changes it, whether the
 * pixel falls in the vector part of a row or past it; colour jitter in the two low bits and the
 * unused fourth byte do not; and the same pixels hash the same wherever they lie.
 */
class TileContentHashTest {
  private static final ValueLayout.OfInt PIXEL = ValueLayout.JAVA_INT_UNALIGNED;

  @ParameterizedTest(name = "tiles {0} pixels wide")
  @ValueSource(ints = {8, 16, 24, 32, 37, 64, 256})
  void shouldChangeWithEveryVisiblePixelAndOnlyWithThem(int width) {
    int height = 13;
    int stride = (width + 5) * 4;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pixels = arena.allocate((long) stride * (height + 2));
      Random random = new Random(width);
      for (long i = 0; i < pixels.byteSize(); i += 4) {
        pixels.set(PIXEL, i, random.nextInt());
      }
      long original = TileContentHash.hash(pixels, stride, 1, 1, width, height);
      for (int y = 1; y <= height; y++) {
        for (int x = 1; x <= width; x++) {
          long at = (long) y * stride + x * 4L;
          int pixel = pixels.get(PIXEL, at);
          pixels.set(PIXEL, at, pixel ^ 0x03030303); // jitter, and the fourth byte
          assertEquals(original, TileContentHash.hash(pixels, stride, 1, 1, width, height));
          for (int bit = 2; bit < 24; bit += bit % 8 == 7 ? 3 : 1) {
            pixels.set(PIXEL, at, pixel ^ (1 << bit));
            assertNotEquals(
                original,
                TileContentHash.hash(pixels, stride, 1, 1, width, height),
                "pixel (" + x + ", " + y + "), bit " + bit);
          }
          pixels.set(PIXEL, at, pixel);
        }
      }
      // The same pixels elsewhere, rows further apart: the same hash.
      int otherStride = stride + 64;
      MemorySegment moved = arena.allocate((long) otherStride * (height + 3));
      for (int y = 0; y < height; y++) {
        MemorySegment.copy(
            pixels,
            (long) (y + 1) * stride + 4,
            moved,
            (long) (y + 3) * otherStride + 8,
            width * 4L);
      }
      assertEquals(original, TileContentHash.hash(moved, otherStride, 2, 3, width, height));
      assertNotEquals(original, TileContentHash.hash(pixels, stride, 1, 1, width, height - 1));
    }
  }
}

package dev.ironcliw.capture.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** CGImage pixel formats and padded rows into the ring's B,G,R,X rows. */
class PixelRowsTest {
  private static final int LITTLE = CgPixelFormat.BYTE_ORDER_32_LITTLE;

  @Test
  void shouldReadTheFormatFromTheBitmapInfo() {
    assertEquals(
        CgPixelFormat.BGRA,
        CgPixelFormat.of(LITTLE | CgPixelFormat.ALPHA_PREMULTIPLIED_FIRST, 32, 8));
    assertEquals(
        CgPixelFormat.BGRA, CgPixelFormat.of(LITTLE | CgPixelFormat.ALPHA_NONE_SKIP_FIRST, 32, 8));
    assertEquals(
        CgPixelFormat.ABGR,
        CgPixelFormat.of(LITTLE | CgPixelFormat.ALPHA_PREMULTIPLIED_LAST, 32, 8));
    assertEquals(CgPixelFormat.RGBA, CgPixelFormat.of(CgPixelFormat.ALPHA_NONE_SKIP_LAST, 32, 8));
    assertEquals(CgPixelFormat.ARGB, CgPixelFormat.of(CgPixelFormat.ALPHA_FIRST, 32, 8));
    assertThrows(IllegalArgumentException.class, () -> CgPixelFormat.of(0, 64, 16));
  }

  /** One pixel with B=0x11, G=0x22, R=0x33, A=0xFF laid out in {@code format}'s byte order. */
  private static byte[] pixel(CgPixelFormat format) {
    return switch (format) {
      case BGRA -> new byte[] {0x11, 0x22, 0x33, (byte) 0xFF};
      case ARGB -> new byte[] {(byte) 0xFF, 0x33, 0x22, 0x11};
      case RGBA -> new byte[] {0x33, 0x22, 0x11, (byte) 0xFF};
      case ABGR -> new byte[] {(byte) 0xFF, 0x11, 0x22, 0x33};
    };
  }

  @Test
  void shouldTurnEveryFormatIntoBgrxHonouringBothStrides() {
    int width = 3;
    int height = 2;
    int sourceStride = 64; // CGImage rows padded well past 3 * 4 bytes
    int targetStride = 16;
    for (CgPixelFormat format : CgPixelFormat.values()) {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment source = arena.allocate((long) sourceStride * height);
        source.fill((byte) 0x7E); // padding that must not be copied
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            MemorySegment.copy(
                MemorySegment.ofArray(pixel(format)), 0, source, y * sourceStride + x * 4L, 4);
          }
        }
        MemorySegment target = arena.allocate((long) targetStride * height);
        target.fill((byte) 0x55);
        PixelRows.copyToBgrx(source, sourceStride, format, target, targetStride, width, height);
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            long at = (long) y * targetStride + x * 4L;
            assertEquals(0x11, target.get(ValueLayout.JAVA_BYTE, at), format + " blue");
            assertEquals(0x22, target.get(ValueLayout.JAVA_BYTE, at + 1), format + " green");
            assertEquals(0x33, target.get(ValueLayout.JAVA_BYTE, at + 2), format + " red");
          }
          assertEquals(
              0x55,
              target.get(ValueLayout.JAVA_BYTE, (long) y * targetStride + 12),
              "past the row");
        }
      }
    }
  }

  @Test
  void shouldRefuseAStrideShorterThanARow() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buffer = arena.allocate(64);
      assertThrows(
          IllegalArgumentException.class,
          () -> PixelRows.copyToBgrx(buffer, 8, CgPixelFormat.BGRA, buffer, 16, 4, 1));
    }
  }
}

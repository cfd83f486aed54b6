package dev.ironcliw.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import org.junit.jupiter.api.Test;

class DownscalerTest {
  @Test
  void shouldCopyASmallAreaPixelForPixel() {
    FrameView frame = TestFrames.paint(64, 32, (x, y) -> x << 8 | y);
    FrameCrop crop = Downscaler.copy(frame, new Rect(10, 5, 3, 2), 100, false);
    assertEquals(3, crop.width());
    assertEquals(2, crop.height());
    assertArrayEquals(
        new int[] {10 << 8 | 5, 11 << 8 | 5, 12 << 8 | 5, 10 << 8 | 6, 11 << 8 | 6, 12 << 8 | 6},
        crop.rgb());
    assertEquals(new Rect(10, 5, 3, 2), crop.source());
    assertEquals(64, crop.frameWidth());
  }

  @Test
  void shouldAverageBoxesWhenTheLongEdgeIsTooLong() {
    // Columns alternate black and white: a 2x box average is mid grey everywhere.
    FrameView frame = TestFrames.paint(400, 100, (x, y) -> x % 2 == 0 ? 0 : 0xFFFFFF);
    FrameCrop crop = Downscaler.copy(frame, new Rect(0, 0, 400, 100), 200, false);
    assertEquals(200, crop.width());
    assertEquals(50, crop.height());
    for (int p : crop.rgb()) {
      assertEquals(0x808080, p, "every pixel is the mean of a black and a white column");
    }
  }

  @Test
  void shouldKeepTheAspectRatioOfAnUnevenScale() {
    int[] size = Downscaler.fittedSize(1920, 1080, 1568);
    assertArrayEquals(new int[] {1568, 882}, size);
    assertArrayEquals(new int[] {1, 100}, Downscaler.fittedSize(3, 1000, 100));
  }
}

package dev.ironcliw.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

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
  void shouldGiveEachPixelTheRoundedMeanOfItsBoxForAnyScaleAndArea() {
    java.util.Random random = new java.util.Random(9);
    int[] colours = new int[97 * 300];
    for (int i = 0; i < colours.length; i++) {
      colours[i] = random.nextInt(0x1000000);
    }
    FrameView frame = TestFrames.paint(97, 300, (x, y) -> colours[y * 97 + x]);
    // Uneven factors, a crop off the origin, a box of all 300 rows.
    int[][] cases = {{0, 0, 97, 61, 40}, {5, 3, 90, 57, 33}, {1, 0, 96, 61, 7}, {0, 0, 3, 300, 1}};
    for (int[] c : cases) {
      Rect area = new Rect(c[0], c[1], c[2], c[3]);
      FrameCrop crop = Downscaler.copy(frame, area, c[4], false);
      for (int oy = 0; oy < crop.height(); oy++) {
        for (int ox = 0; ox < crop.width(); ox++) {
          int x0 = (int) (((long) ox * area.width() + crop.width() - 1) / crop.width());
          int x1 = (int) (((long) (ox + 1) * area.width() + crop.width() - 1) / crop.width());
          int y0 = (int) ((long) oy * area.height() / crop.height());
          int y1 = (int) ((long) (oy + 1) * area.height() / crop.height());
          int expected = 0;
          for (int shift = 0; shift <= 16; shift += 8) {
            long sum = 0;
            for (int y = y0; y < y1; y++) {
              for (int x = x0; x < x1; x++) {
                sum += colours[(area.y() + y) * 97 + area.x() + x] >>> shift & 0xFF;
              }
            }
            expected |= (int) Math.round((double) sum / ((x1 - x0) * (y1 - y0))) << shift;
          }
          int actual = crop.rgb()[oy * crop.width() + ox];
          for (int shift = 0; shift <= 16; shift += 8) {
            assertEquals(
                expected >>> shift & 0xFF,
                actual >>> shift & 0xFF,
                1, // a mean that ends in .5 may round either way through the reciprocal
                "channel at bit " + shift + " of pixel " + ox + "," + oy + " of " + area);
          }
        }
      }
    }
  }

  @Test
  void shouldKeepTheAspectRatioOfAnUnevenScale() {
    int[] size = Downscaler.fittedSize(1920, 1080, 1568);
    assertArrayEquals(new int[] {1568, 882}, size);
    assertArrayEquals(new int[] {1, 100}, Downscaler.fittedSize(3, 1000, 100));
  }

  @Test
  void shouldScaleIntoTheSameBufferForImagesOfTheSameSize() {
    PixelBuffer buffer = new PixelBuffer();
    FrameView black = TestFrames.paint(400, 100, (x, y) -> 0);
    FrameView white = TestFrames.paint(400, 100, (x, y) -> 0xFFFFFF);
    Rect whole = new Rect(0, 0, 400, 100);

    int[] first = Downscaler.copy(black, whole, 200, false, buffer).rgb();
    assertEquals(0, first[0]);
    FrameCrop second = Downscaler.copy(white, whole, 200, false, buffer);
    assertSame(first, second.rgb(), "the same size: the same array, scaled into again");
    assertEquals(0xFFFFFF, second.rgb()[200 * 50 - 1]);

    FrameCrop smaller = Downscaler.copy(white, new Rect(0, 0, 20, 10), 200, false, buffer);
    assertNotSame(first, smaller.rgb(), "another size: an array of its own");
    assertEquals(200, smaller.rgb().length);
  }
}

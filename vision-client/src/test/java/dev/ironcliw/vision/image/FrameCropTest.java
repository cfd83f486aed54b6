package dev.ironcliw.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ironcliw.ring.Rect;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Painting secrets over a crop, at the crop's scale. */
class FrameCropTest {
  private static final int WHITE = 0xFFFFFF;

  /** A white 100x50 crop of the frame's (200,100) 200x100 area: half scale. */
  private static FrameCrop halfScale() {
    int[] rgb = new int[100 * 50];
    Arrays.fill(rgb, WHITE);
    return new FrameCrop(new Rect(200, 100, 200, 100), 1920, 1080, 100, 50, rgb, false);
  }

  /** The painted rows and columns, as "left,top,right,bottom" (exclusive ends). */
  private static String paintedBox(FrameCrop crop) {
    int left = Integer.MAX_VALUE;
    int top = Integer.MAX_VALUE;
    int right = -1;
    int bottom = -1;
    for (int y = 0; y < crop.height(); y++) {
      for (int x = 0; x < crop.width(); x++) {
        if (crop.rgb()[y * crop.width() + x] == 0) {
          left = Math.min(left, x);
          top = Math.min(top, y);
          right = Math.max(right, x + 1);
          bottom = Math.max(bottom, y + 1);
        }
      }
    }
    return right < 0 ? "none" : left + "," + top + "," + right + "," + bottom;
  }

  @Test
  void shouldPaintASecretScaledAsTheCropWithItsMarginRoundedOutwards() {
    FrameCrop crop = halfScale();
    // (240,120) 41x9 grown by 2: (238,118) to (283,131), in the crop (19,9) to (41.5,15.5).
    FrameCrop masked = crop.masked(List.of(new Rect(240, 120, 41, 9)));
    assertEquals("19,9,42,16", paintedBox(masked));
    assertEquals("none", paintedBox(crop), "the crop itself is left as it was");
    long painted = Arrays.stream(masked.rgb()).filter(p -> p == 0).count();
    assertEquals((42 - 19) * (16 - 9), painted, "a solid box");
  }

  @Test
  void shouldPaintOnlyThePartOfASecretTheCropShows() {
    FrameCrop masked = halfScale().masked(List.of(new Rect(150, 180, 100, 100)));
    assertEquals("0,39,26,50", paintedBox(masked));
  }

  @Test
  void shouldReturnTheCropItselfWhenItShowsNoSecret() {
    FrameCrop crop = halfScale();
    assertSame(crop, crop.masked(List.of()));
    assertSame(crop, crop.masked(List.of(new Rect(0, 0, 150, 90), new Rect(500, 300, 10, 10))));
  }
}

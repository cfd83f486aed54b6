package dev.ironcliw.daemon.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironcliw.ring.Rect;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextImagesTest {
  private static final int W = 640;
  private static final int H = 200;

  /** Light "letters" 6 pixels wide with 2-pixel spaces on a dark ground, like a terminal line. */
  private static void line(int[] frame, int x0, int x1, int y0, int y1) {
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        if ((x - x0) % 8 < 6) {
          frame[y * W + x] = 0xE0E0E0;
        }
      }
    }
  }

  @Test
  void shouldGrowAChangedTileToTheLineItCutsButNotToTheWindowBeside() {
    int[] frame = new int[W * H];
    Arrays.fill(frame, 0x101010);
    line(frame, 10, 300, 50, 62); // the line typed in, 12 rows of ink
    line(frame, 10, 200, 70, 82); // the next line, below a blank gap
    line(frame, 400, 500, 40, 90); // another window's text, 100 pixels to the right
    // The tile that changed: columns 96-128, rows 32-56, cutting the line's top half.
    Rect area =
        TextImages.textArea(MemorySegment.ofArray(frame), W * 4, W, H, new Rect(96, 32, 32, 24));
    // Down to the line's last row (61), left and right to its ink (10 to 299), margin 4.
    assertEquals(new Rect(6, 28, 298, 38), area);
  }

  @Test
  void shouldEraseACursorBlockButNotAStrokeOrABar() {
    int w = 40;
    int h = 20;
    byte[] grey = new byte[w * h];
    Arrays.fill(grey, (byte) 255);
    fill(grey, w, 2, 2, 6, 13, 0); // a 6x13 block cursor
    fill(grey, w, 12, 2, 2, 13, 0); // a letter's stem: too narrow
    fill(grey, w, 18, 2, 16, 3, 0); // a bar: too flat
    TextImages.eraseCursorBlocks(grey, w, h);
    assertEquals(255, grey[5 * w + 4] & 0xFF, "the cursor is gone");
    assertEquals(0, grey[5 * w + 12] & 0xFF, "the stem stays");
    assertEquals(0, grey[3 * w + 20] & 0xFF, "the bar stays");
  }

  @Test
  void shouldEraseAHollowCursorButNotAnO() {
    int w = 40;
    int h = 20;
    byte[] grey = new byte[w * h];
    Arrays.fill(grey, (byte) 255);
    fill(grey, w, 2, 2, 6, 13, 0); // an unfocused terminal's cursor: the outline of a cell
    fill(grey, w, 3, 3, 4, 11, 255);
    fill(grey, w, 12, 4, 6, 9, 0); // an "O": rounded, its corners light
    fill(grey, w, 13, 5, 4, 7, 255);
    grey[4 * w + 12] = (byte) 255;
    grey[4 * w + 17] = (byte) 255;
    TextImages.eraseCursorBlocks(grey, w, h);
    assertEquals(255, grey[2 * w + 4] & 0xFF, "its top is gone");
    assertEquals(255, grey[8 * w + 2] & 0xFF, "its side is gone");
    assertEquals(0, grey[8 * w + 12] & 0xFF, "the O stays");
  }

  private static void fill(byte[] grey, int w, int x, int y, int width, int height, int value) {
    for (int r = y; r < y + height; r++) {
      Arrays.fill(grey, r * w + x, r * w + x + width, (byte) value);
    }
  }

  @Test
  void shouldPrepareDarkAreasInvertedAndScaledUp() {
    int[] frame = new int[W * H];
    Arrays.fill(frame, 0x101010);
    line(frame, 10, 300, 50, 62);
    GreyImage image =
        TextImages.prepare(MemorySegment.ofArray(frame), W * 4, new Rect(0, 40, 320, 30));
    assertEquals(3, image.scale());
    assertEquals(960, image.width());
    assertEquals(90, image.height());
    assertEquals(0, image.originX());
    assertEquals(40, image.originY());
    assertEquals(255 - 0x10, image.pixels()[0] & 0xFF, "the dark ground is light");
  }
}

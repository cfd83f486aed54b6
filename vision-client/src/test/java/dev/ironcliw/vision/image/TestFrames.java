package dev.ironcliw.vision.image;

import dev.ironcliw.ring.FrameView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.IntBinaryOperator;

/** Frames outside any ring, painted by a function of (x, y). */
final class TestFrames {
  private TestFrames() {}

  static FrameView paint(int width, int height, IntBinaryOperator rgbAt) {
    MemorySegment pixels = Arena.ofAuto().allocate(4L * width * height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        pixels.setAtIndex(ValueLayout.JAVA_INT, (long) y * width + x, rgbAt.applyAsInt(x, y));
      }
    }
    return FrameView.detached(pixels, width, height, 4 * width, 1);
  }
}

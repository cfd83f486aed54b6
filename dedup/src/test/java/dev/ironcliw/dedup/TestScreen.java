package dev.ironcliw.dedup;

import dev.ironcliw.diff.ScalarTileDiffEngine;
import dev.ironcliw.ring.FrameView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A small BGRX screen to draw on, and the pipeline's steps around a {@link VerdictPolicy}: a frame
 * identical to the previous one is a capture duplicate; any other is diffed against the previous
 * kept frame (32-pixel tiles, threshold 0 unless given) and judged.
 */
final class TestScreen {
  static final int WIDTH = 256;
  static final int HEIGHT = 128;
  static final long MS = 1_000_000L;

  private final int[] pixels = new int[WIDTH * HEIGHT];
  private final ScalarTileDiffEngine engine;
  private final VerdictPolicy policy;
  private int[] previousPixels;
  private FrameView previous;

  TestScreen(VerdictPolicy policy) {
    this(policy, 0);
  }

  /** A screen whose diff counts a tile as changed only above {@code thresholdSad}. */
  TestScreen(VerdictPolicy policy, long thresholdSad) {
    this.policy = policy;
    this.engine = new ScalarTileDiffEngine(32, thresholdSad);
    Arrays.fill(pixels, 0x203040);
  }

  TestScreen fill(int x, int y, int w, int h, int rgb) {
    for (int row = y; row < y + h; row++) {
      Arrays.fill(pixels, row * WIDTH + x, row * WIDTH + x + w, rgb);
    }
    return this;
  }

  /** A glyph-like mark that differs for each {@code n}: a 6x10 cell of 3x2 blocks. */
  TestScreen glyph(int x, int y, int n) {
    fill(x, y, 6, 10, 0x203040);
    for (int bit = 0; bit < 10; bit++) {
      if (((n * 0x9E3779B1 >>> (bit + 7)) & 1) != 0 || bit == n % 10) {
        fill(x + (bit % 2) * 3, y + (bit / 2) * 2, 3, 2, 0xE0E0E0);
      }
    }
    return this;
  }

  /** A terminal's text: {@code rows} lines of {@code columns} glyphs, line {@code first} on top. */
  TestScreen lines(int rows, int columns, int first) {
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < columns; column++) {
        glyph(column * 6, row * 12, (first + row) * 64 + column);
      }
    }
    return this;
  }

  /** The screen as drawn now, to {@link #restore} later: a window to switch back to. */
  int[] pixelsCopy() {
    return pixels.clone();
  }

  /** Draws the screen {@link #pixelsCopy} took. */
  TestScreen restore(int[] copy) {
    System.arraycopy(copy, 0, pixels, 0, pixels.length);
    return this;
  }

  /** The verdict of the screen as drawn now, captured at {@code atMs}. */
  Verdict capture(long atMs) {
    if (previousPixels != null && Arrays.equals(previousPixels, pixels)) {
      return Verdict.DUPLICATE;
    }
    MemorySegment segment = Arena.ofAuto().allocate((long) pixels.length * 4);
    MemorySegment.copy(pixels, 0, segment, ValueLayout.JAVA_INT_UNALIGNED, 0, pixels.length);
    FrameView current = FrameView.detached(segment, WIDTH, HEIGHT, WIDTH * 4, 0);
    Verdict verdict =
        policy.judge(
            0, current, previous == null ? null : engine.diff(previous, current), atMs * MS);
    previous = current;
    previousPixels = pixels.clone();
    return verdict;
  }
}

package dev.ironcliw.ring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Deterministic frame contents: every long of frame {@code seq} is a function of seq and index. */
final class TestFrames {
  private TestFrames() {}

  static long expected(long seq, long index) {
    return seq * 0x9E3779B97F4A7C15L + index;
  }

  static void fill(MemorySegment pixels, long seq) {
    long longs = pixels.byteSize() / 8;
    for (long i = 0; i < longs; i++) {
      pixels.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, expected(seq, i));
    }
  }

  /** True when every long of {@code pixels} is what frame {@code seq} was written with. */
  static boolean matches(MemorySegment pixels, long seq) {
    long longs = pixels.byteSize() / 8;
    for (long i = 0; i < longs; i++) {
      if (pixels.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i) != expected(seq, i)) {
        return false;
      }
    }
    return true;
  }

  /** Claims, fills with the pattern of {@code seq} and commits; returns the position. */
  static long write(FrameRingWriter writer, int width, int height, long seq) {
    if (!writer.tryClaim(width, height)) {
      throw new IllegalStateException("claim refused");
    }
    fill(writer.pixels(), seq);
    return writer.commit(seq, 1_000_000_000L * seq, 0);
  }
}

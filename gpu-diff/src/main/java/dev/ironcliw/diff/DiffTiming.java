package dev.ironcliw.diff;

import dev.ironcliw.ring.FrameView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Times a diff engine on a synthetic pair of frames of the size it will diff: a page with a band of
 * a tenth of its rows changed, as when a paragraph is typed or a list scrolls. How {@code
 * diff.backend: auto} chooses between the CPU and the devices it found: by what each takes here,
 * upload and read-back included, not by the kind of device.
 */
public final class DiffTiming {
  /** Diffs run before timing, at least: kernels compiled, buffers made. */
  static final int WARM_UP_RUNS = 5;

  /**
   * How long a Java engine is warmed up: until its loops went through the optimising compiler (the
   * Vector API is slow before).
   */
  public static final long JIT_WARM_UP_NANOS = 400_000_000L;

  /**
   * Diffs timed; the fastest is the figure: on a busy machine (the daemon starting beside other
   * work) a timing can only be made longer by what else runs, so the least is the engine's own.
   */
  static final int TIMED_RUNS = 9;

  /** A slow engine is timed for at most this long (after at least three timed runs). */
  static final long MAX_TIMING_NANOS = 2_000_000_000L;

  /** How long {@link #settledNanos} times at most, past its warm-up. */
  static final long MAX_SETTLING_NANOS = 2_000_000_000L;

  private DiffTiming() {}

  /**
   * {@link #leastNanos} of an engine in Java once the optimising compiler is done with it: after
   * the warm-up the engine is timed again and again until a timing is no longer a tenth faster than
   * the one before (the compiled code can come a second after the warm-up on a busy machine, and is
   * several times faster), for at most {@link #MAX_SETTLING_NANOS}.
   */
  public static long settledNanos(DiffEngine engine, int width, int height) {
    long started = System.nanoTime();
    long best = leastNanos(engine, width, height, JIT_WARM_UP_NANOS);
    while (System.nanoTime() - started < JIT_WARM_UP_NANOS + MAX_SETTLING_NANOS) {
      long next = leastNanos(engine, width, height, 0);
      boolean settled = next * 10 >= best * 9;
      best = Math.min(best, next);
      if (settled) {
        break;
      }
    }
    return best;
  }

  /**
   * The least wall time of one whole-frame diff by {@code engine} over {@link #TIMED_RUNS}, in
   * nanoseconds.
   *
   * @param warmUpNanos how long at least the engine diffs before it is timed: {@link
   *     #JIT_WARM_UP_NANOS} for an engine in Java, 0 for a device's
   */
  public static long leastNanos(DiffEngine engine, int width, int height, long warmUpNanos) {
    long strideBytes = width * 4L;
    try (Arena arena = Arena.ofShared()) { // an engine may read the frames from its workers
      MemorySegment previous = arena.allocate(strideBytes * height, 64);
      MemorySegment current = arena.allocate(strideBytes * height, 64);
      fill(previous, width, height);
      MemorySegment.copy(previous, 0, current, 0, previous.byteSize());
      int changedFrom = height / 3;
      for (int y = changedFrom; y < changedFrom + Math.max(1, height / 10); y++) {
        for (long x = 0; x < strideBytes; x += 4) {
          long at = y * strideBytes + x;
          current.set(ValueLayout.JAVA_INT, at, ~previous.get(ValueLayout.JAVA_INT, at));
        }
      }
      FrameView before = FrameView.detached(previous, width, height, (int) strideBytes, 1);
      FrameView after = FrameView.detached(current, width, height, (int) strideBytes, 2);
      long warmUpStart = System.nanoTime();
      for (int run = 0;
          run < WARM_UP_RUNS || System.nanoTime() - warmUpStart < warmUpNanos;
          run++) {
        engine.diff(before, after);
      }
      long[] nanos = new long[TIMED_RUNS];
      long startedNanos = System.nanoTime();
      int runs = 0;
      while (runs < TIMED_RUNS
          && (runs < 3 || System.nanoTime() - startedNanos < MAX_TIMING_NANOS)) {
        long start = System.nanoTime();
        engine.diff(before, after);
        nanos[runs++] = System.nanoTime() - start;
      }
      return Arrays.stream(nanos, 0, runs).min().orElseThrow();
    }
  }

  /** A page-like frame: light background, dark runs of "text" on every other band of rows. */
  private static void fill(MemorySegment pixels, int width, int height) {
    long state = 20261207L;
    for (int y = 0; y < height; y++) {
      boolean textRow = (y / 8) % 2 == 0;
      for (int x = 0; x < width; x++) {
        state = state * 6364136223846793005L + 1442695040888963407L;
        int pixel = textRow && (state >>> 60) < 5 ? 0x202020 : 0xF4F4F4;
        pixels.set(ValueLayout.JAVA_INT, ((long) y * width + x) * 4, pixel);
      }
    }
  }
}

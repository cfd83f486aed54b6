package dev.ironcliw.diff;

import dev.ironcliw.ring.FrameView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
   * How much of its own CPU time a Java engine diffs before it is timed: its loops go through the
   * optimising compiler meanwhile (the Vector API is many times slower before). CPU time, not wall
   * time: on a busy machine 0.4 s of wall time was a tenth of a second of diffs, and the engine was
   * timed in code the compiler had not finished, several times slower than the devices' (a busy
   * clean-clone CI picked pocl at 320x180 so).
   */
  public static final long JIT_WARM_UP_CPU_NANOS = 400_000_000L;

  /**
   * Diffs timed; the fastest is the figure: on a busy machine (the daemon starting beside other
   * work) a timing can only be made longer by what else runs, so the least is the engine's own.
   */
  static final int TIMED_RUNS = 9;

  /** A slow engine is timed for at most this long (after at least three timed runs). */
  static final long MAX_TIMING_NANOS = 2_000_000_000L;

  /** How much more CPU time {@link #settledNanos} spends at most, past its warm-up. */
  static final long MAX_SETTLING_CPU_NANOS = 2_000_000_000L;

  /** Settling stops after this long in wall time whatever the CPU time spent. */
  static final long MAX_SETTLING_WALL_NANOS = 10_000_000_000L;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private DiffTiming() {}

  /**
   * {@link #leastNanos} of an engine in Java once the optimising compiler is done with it: after
   * {@link #JIT_WARM_UP_CPU_NANOS} of diffs the engine is timed again and again until a timing is
   * no longer a tenth faster than the best before (the compiled code can come a second after the
   * warm-up, and is several times faster), for at most {@link #MAX_SETTLING_CPU_NANOS} of CPU time.
   * Run in a JVM with {@code -Xbatch} the compiler's work is done within the diffs it speeds up,
   * however busy the machine.
   */
  public static long settledNanos(DiffEngine engine, int width, int height) {
    try (FramePair frames = FramePair.of(width, height)) {
      long startedWall = System.nanoTime();
      long startedCpu = cpuNanos();
      do {
        engine.diff(frames.before, frames.after);
      } while (cpuNanos() - startedCpu < JIT_WARM_UP_CPU_NANOS
          && System.nanoTime() - startedWall < MAX_SETTLING_WALL_NANOS);
      long best = least(engine, frames);
      while (cpuNanos() - startedCpu < JIT_WARM_UP_CPU_NANOS + MAX_SETTLING_CPU_NANOS
          && System.nanoTime() - startedWall < MAX_SETTLING_WALL_NANOS) {
        long next = least(engine, frames);
        boolean settled = next * 10 >= best * 9;
        best = Math.min(best, next);
        if (settled) {
          break;
        }
      }
      return best;
    }
  }

  /**
   * The least wall time of one whole-frame diff by a device's {@code engine} over {@link
   * #TIMED_RUNS}, in nanoseconds, after {@link #WARM_UP_RUNS}.
   */
  public static long leastNanos(DiffEngine engine, int width, int height) {
    try (FramePair frames = FramePair.of(width, height)) {
      for (int run = 0; run < WARM_UP_RUNS; run++) {
        engine.diff(frames.before, frames.after);
      }
      return least(engine, frames);
    }
  }

  private static long least(DiffEngine engine, FramePair frames) {
    long[] nanos = new long[TIMED_RUNS];
    long startedNanos = System.nanoTime();
    int runs = 0;
    while (runs < TIMED_RUNS && (runs < 3 || System.nanoTime() - startedNanos < MAX_TIMING_NANOS)) {
      long start = System.nanoTime();
      engine.diff(frames.before, frames.after);
      nanos[runs++] = System.nanoTime() - start;
    }
    return Arrays.stream(nanos, 0, runs).min().orElseThrow();
  }

  /** This thread's CPU time; its wall time where the JVM cannot tell. */
  private static long cpuNanos() {
    long cpu = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    return cpu < 0 ? System.nanoTime() : cpu;
  }

  /** The frames timed: a page, then the page with a band of a tenth of its rows inverted. */
  private record FramePair(Arena arena, FrameView before, FrameView after)
      implements AutoCloseable {
    static FramePair of(int width, int height) {
      long strideBytes = width * 4L;
      Arena arena = Arena.ofShared(); // an engine may read the frames from its workers
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
      return new FramePair(
          arena,
          FrameView.detached(previous, width, height, (int) strideBytes, 1),
          FrameView.detached(current, width, height, (int) strideBytes, 2));
    }

    @Override
    public void close() {
      arena.close();
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

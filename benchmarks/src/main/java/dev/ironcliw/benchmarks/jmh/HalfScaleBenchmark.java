package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.capture.HalfScale;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What capturing a desktop drawn at 2x at its point size costs per frame: {@link HalfScale} of a
 * whole screen image, against its floor measured in the same run, one copy of the full-size image
 * (the bytes the halving must read).
 */
@State(Scope.Thread)
public class HalfScaleBenchmark extends BenchmarkDefaults {
  @Param({"5120x2880", "2880x1800"})
  public String resolution;

  private Arena arena;
  private MemorySegment full;
  private MemorySegment copy;
  private MemorySegment half;
  private int width;
  private int height;

  @Setup(Level.Trial)
  public void setUp() {
    String[] size = resolution.split("x");
    width = Integer.parseInt(size[0]);
    height = Integer.parseInt(size[1]);
    arena = Arena.ofShared();
    full = arena.allocate((long) width * height * 4, 4096);
    copy = arena.allocate(full.byteSize(), 4096);
    half = arena.allocate((long) (width / 2) * (height / 2) * 4, 4096);
    SplittableRandom random = new SplittableRandom(1);
    for (long at = 0; at < full.byteSize(); at += 8) {
      full.set(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, at, random.nextLong());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    arena.close();
  }

  @Benchmark
  public MemorySegment halve() {
    HalfScale.copy(full, 0, width * 4L, half, 0, (width / 2) * 4L, width / 2, height / 2);
    return half;
  }

  /** The floor: reading the full-size image once (and writing four times what halving writes). */
  @Benchmark
  public MemorySegment copyFullFrame() {
    MemorySegment.copy(full, 0, copy, 0, full.byteSize());
    return copy;
  }
}

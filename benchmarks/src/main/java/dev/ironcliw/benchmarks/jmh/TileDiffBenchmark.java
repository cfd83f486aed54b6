package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.ScalarTileDiffEngine;
import dev.ironcliw.diff.SimdTileDiffEngine;
import dev.ironcliw.diff.opencl.OpenClDevice;
import dev.ironcliw.diff.opencl.OpenClTileDiffEngine;
import dev.ironcliw.diff.vulkan.VulkanTileDiffEngine;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.RingGeometry;
import dev.ironcliw.ring.TileDiff;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The tile diff of two frames held in the ring, per engine: {@code all} has every pixel changed
 * (the worst case), {@code typing} a few text rows. The floor is {@link #memcmpEqualFrames}: one
 * mismatch pass over two identical frames, which reads both once. {@code opencl} runs on the first
 * OpenCL device (pocl here) and uploads the current frame each call, as the daemon does.
 */
@State(Scope.Thread)
public class TileDiffBenchmark extends BenchmarkDefaults {
  @Param({"1920x1080", "5120x2880"})
  public String resolution;

  @Param({"scalar", "simd-1", "simd-2", "opencl", "vulkan"})
  public String engine;

  @Param({"all", "typing"})
  public String change;

  private Path dir;
  private FrameRing ring;
  private DiffEngine diffEngine;
  private final FrameView previous = new FrameView();
  private final FrameView current = new FrameView();
  private final FrameView same = new FrameView();

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String[] parts = resolution.split("x");
    int width = Integer.parseInt(parts[0]);
    int height = Integer.parseInt(parts[1]);
    long frameBytes = (long) width * height * 4;
    dir = Files.createTempDirectory("ironcliw-diff-bench");
    ring =
        FrameRing.open(
            dir.resolve("frames.ring"),
            RingGeometry.forBudget(4 * (frameBytes + 8192), width, height),
            OffHeapBudget.unlimited());
    FrameRingWriter writer = ring.writer();
    Random random = new Random(1);
    byte[] base = new byte[(int) frameBytes];
    random.nextBytes(base);
    byte[] next = change.equals("all") ? new byte[base.length] : base.clone();
    if (change.equals("all")) {
      random.nextBytes(next);
    } else {
      // Ten characters typed: a 12-pixel-high strip 120 pixels wide in the middle of the screen.
      for (int y = height / 2; y < height / 2 + 12; y++) {
        for (int x = width / 3; x < width / 3 + 120; x++) {
          next[(y * width + x) * 4] ^= 0x5A;
        }
      }
    }
    write(writer, width, height, base, previous, 0);
    write(writer, width, height, next, current, 1);
    write(writer, width, height, base, same, 2);
    diffEngine =
        switch (engine) {
          case "scalar" -> new ScalarTileDiffEngine(32, 256);
          case "simd-1" -> new SimdTileDiffEngine(32, 256, 1);
          case "opencl" -> new OpenClTileDiffEngine(OpenClDevice.list().getFirst(), 32, 256);
          case "vulkan" -> new VulkanTileDiffEngine(32, 256, false);
          default -> new SimdTileDiffEngine(32, 256, 2);
        };
  }

  private void write(
      FrameRingWriter writer, int width, int height, byte[] pixels, FrameView view, long seq) {
    writer.tryClaim(width, height);
    MemorySegment.copy(MemorySegment.ofArray(pixels), 0, writer.pixels(), 0, pixels.length);
    long position = writer.commit(seq, seq, 0);
    ring.read(position, view);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    diffEngine.close();
    ring.close();
    Files.deleteIfExists(dir.resolve("frames.ring"));
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public TileDiff diff() {
    return diffEngine.diff(previous, current);
  }

  @Benchmark
  public long memcmpEqualFrames() {
    return MemorySegment.mismatch(
        previous.pixels(),
        0,
        previous.pixels().byteSize(),
        same.pixels(),
        0,
        same.pixels().byteSize());
  }
}

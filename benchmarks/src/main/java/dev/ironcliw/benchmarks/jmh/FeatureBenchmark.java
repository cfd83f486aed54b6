package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.diff.FeatureExtractor;
import dev.ironcliw.diff.RegionFeatures;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The SIMD features: of a whole frame taken as one changed region (the worst case), of a 400x60
 * region (a typical changed text block), and the 8x8 frame descriptor.
 */
@State(Scope.Thread)
public class FeatureBenchmark extends BenchmarkDefaults {
  @Param({"1920x1080", "5120x2880"})
  public String resolution;

  private Arena arena;
  private FrameView frame;
  private Rect whole;
  private final FeatureExtractor extractor = new FeatureExtractor();

  @Setup(Level.Trial)
  public void setUp() {
    String[] parts = resolution.split("x");
    int width = Integer.parseInt(parts[0]);
    int height = Integer.parseInt(parts[1]);
    arena = Arena.ofShared();
    MemorySegment pixels = arena.allocate((long) width * height * 4, 64);
    byte[] bytes = new byte[(int) pixels.byteSize()];
    new Random(1).nextBytes(bytes);
    MemorySegment.copy(MemorySegment.ofArray(bytes), 0, pixels, 0, bytes.length);
    frame = FrameView.detached(pixels, width, height, width * 4, 0);
    whole = new Rect(0, 0, width, height);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    arena.close();
  }

  @Benchmark
  public RegionFeatures wholeFrameRegion() {
    return extractor.measure(frame, whole);
  }

  @Benchmark
  public RegionFeatures textBlockRegion() {
    return extractor.measure(frame, new Rect(300, 200, 400, 60));
  }

  @Benchmark
  public byte[] descriptor() {
    return extractor.descriptor(frame);
  }
}

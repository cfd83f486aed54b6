package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.benchmarks.support.BenchPipeline;
import dev.ironcliw.benchmarks.support.TempFiles;
import dev.ironcliw.benchmarks.support.TypingScreen;
import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.RingGeometry;
import dev.ironcliw.vision.BatchFrame;
import dev.ironcliw.vision.VisionProvider;
import dev.ironcliw.vision.VisionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One frame through the daemon's capture and pipeline agents ({@link BenchPipeline}: grab, ring
 * write and fingerprint, dedup verdict, diff, regions, features, journal; the vision images on
 * their own thread), with the default configuration: a {@code duplicate} of the frame before, or
 * one {@code typed} character on a page of text ({@link TypingScreen}), with damage hints {@code
 * none} (the whole frame copied and hashed) or {@code reported}. Run with {@code -prof gc}: its
 * {@code gc.alloc.rate.norm} is the heap allocated per frame, on every thread; the heap the frame
 * thread allocated per frame in the last iteration is printed at the end of each trial.
 */
@State(Scope.Thread)
public class PipelineFrameBenchmark extends BenchmarkDefaults {
  private static final com.sun.management.ThreadMXBean ALLOCATIONS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

  @Param({"duplicate", "typed"})
  public String frame;

  @Param({"none", "reported"})
  public String damage;

  @Param({"1920x1080"})
  public String resolution;

  private Path dir;
  private TypingScreen screen;
  private FrameRing ring;
  private BenchPipeline pipeline;

  /** Heap the benchmark's own thread (capture and pipeline) allocated, and the frames it ran. */
  private long frameThreadBytes;

  private long frames;

  /** Of them, the frames whose images the frame thread copied (the images thread was behind). */
  private long framesCopyingImages;

  private long bytesCopyingImages;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String[] size = resolution.split("x");
    int width = Integer.parseInt(size[0]);
    int height = Integer.parseInt(size[1]);
    IroncliwConfig config = ConfigLoader.forThisMachine().parse("{}\n", "defaults", Map.of());
    dir = TempFiles.ringDirectory("ironcliw-bench");
    screen = new TypingScreen(width, height, damage.equals("reported"));
    ring =
        FrameRing.open(
            dir.resolve("frames.ring"),
            RingGeometry.forBudget(config.memory().frameRingBytes(), width, height),
            OffHeapBudget.unlimited());
    pipeline = new BenchPipeline(config, screen, ring, ring.writer(), new DiscardingVision());
    pipeline.step(); // the first frame: nothing to diff against
    screen.typing(frame.equals("typed"));
  }

  /** Counts each iteration afresh: the last one, a measured one, is printed. */
  @Setup(Level.Iteration)
  public void countAfresh() {
    frameThreadBytes = 0;
    frames = 0;
    framesCopyingImages = 0;
    bytesCopyingImages = 0;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    long framesAlone = frames - framesCopyingImages;
    System.out.printf(
        java.util.Locale.ROOT,
        "%nframe thread (capture and pipeline): %.1f bytes allocated per frame over the last"
            + " iteration's %d frames; %.1f per frame over the %d whose images went to the images"
            + " thread (the others' images the frame thread copied, as that thread was behind at"
            + " this rate); gc.alloc.rate.norm also counts the images and keyframe threads%n",
        (double) frameThreadBytes / Math.max(1, frames),
        frames,
        (double) (frameThreadBytes - bytesCopyingImages) / Math.max(1, framesAlone),
        framesAlone);
    pipeline.close();
    ring.close();
    screen.close();
    Files.deleteIfExists(dir.resolve("frames.ring"));
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public long oneFrame() {
    long copiesBefore = pipeline.stats().imagesCopiedOnFrameThread();
    long before = ALLOCATIONS.getCurrentThreadAllocatedBytes();
    pipeline.step();
    long bytes = ALLOCATIONS.getCurrentThreadAllocatedBytes() - before;
    frameThreadBytes += bytes;
    frames++;
    if (pipeline.stats().imagesCopiedOnFrameThread() != copiesBefore) {
      framesCopyingImages++;
      bytesCopyingImages += bytes;
    }
    return pipeline.stats().lastSeq();
  }

  /** Takes the batches and lets them go: the dispatcher's work is not the frame's. */
  private static final class DiscardingVision implements VisionProvider {
    @Override
    public String name() {
      return "discarding";
    }

    @Override
    public void submit(List<BatchFrame> batch) {}

    @Override
    public VisionStatus status() {
      throw new UnsupportedOperationException("the benchmark's provider has no status");
    }
  }
}

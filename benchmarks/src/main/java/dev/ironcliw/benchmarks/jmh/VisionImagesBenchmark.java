package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.benchmarks.support.DesktopPicture;
import dev.ironcliw.config.VisionImageSettings;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.vision.image.ChangeImages;
import dev.ironcliw.vision.image.FrameCrop;
import dev.ironcliw.vision.image.ImageEncoder;
import dev.ironcliw.vision.provider.EncodedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The vision stage's image work on a 1080p desktop-like frame: what the pipeline thread pays per
 * CHANGE frame to copy its images out of the ring (a typed line; a window opening, which adds the
 * context image), and what the dispatcher pays to encode them.
 */
@State(Scope.Thread)
public class VisionImagesBenchmark extends BenchmarkDefaults {
  private static final int WIDTH = DesktopPicture.WIDTH;
  private static final int HEIGHT = DesktopPicture.HEIGHT;
  private static final VisionImageSettings DEFAULTS =
      new VisionImageSettings(1568, 3 << 20, 16, 3, 0.25, 1024);

  private Arena arena;
  private FrameView frame;
  private final ChangeImages images = new ChangeImages(DEFAULTS);
  private FrameCrop typedLine;
  private FrameCrop context;

  @Setup(Level.Trial)
  public void setUp() {
    arena = Arena.ofShared();
    MemorySegment pixels = arena.allocate((long) WIDTH * HEIGHT * 4, 64);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        pixels.setAtIndex(ValueLayout.JAVA_INT, (long) y * WIDTH + x, DesktopPicture.pixel(x, y));
      }
    }
    frame = FrameView.detached(pixels, WIDTH, HEIGHT, WIDTH * 4, 0);
    typedLine = images.of(frame, List.of(new Rect(300, 200, 400, 32))).getFirst();
    context = images.of(frame, List.of(new Rect(200, 100, 1400, 800))).getFirst();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    arena.close();
  }

  /** A typed line: one 432x64 crop. */
  @Benchmark
  public List<FrameCrop> copyTypedLine() {
    return images.of(frame, List.of(new Rect(300, 200, 400, 32)));
  }

  /** A window opening: the 1024x576 context image plus its 1432x832 crop. */
  @Benchmark
  public List<FrameCrop> copyWindowOpening() {
    return images.of(frame, List.of(new Rect(200, 100, 1400, 800)));
  }

  @Benchmark
  public EncodedImage encodeTypedLinePng() {
    return ImageEncoder.encode(typedLine, 3 << 20);
  }

  @Benchmark
  public EncodedImage encodeContextImage() {
    return ImageEncoder.encode(context, 3 << 20);
  }
}

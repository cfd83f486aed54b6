package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.benchmarks.support.TempFiles;
import dev.ironcliw.capture.Grab;
import dev.ironcliw.capture.SyntheticDesktop;
import dev.ironcliw.config.HistorySettings;
import dev.ironcliw.daemon.journal.KeyframeWriter;
import dev.ironcliw.daemon.journal.record.KeyframeRecord;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.RingGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One journal keyframe made from a frame in the ring, with the default settings (longer edge 1280,
 * JPEG quality 0.7): read out of the ring, scaled, encoded. The keyframe thread does this at most
 * every 5 s per display while the screen changes. In package {@code dev.ironcliw.daemon} to reach
 * the keyframe writer's step directly.
 */
@State(Scope.Thread)
public class KeyframeBenchmark extends BenchmarkDefaults {
  private static final HistorySettings DEFAULTS =
      new HistorySettings(
          Duration.ofDays(30),
          1L << 30,
          Duration.ofMinutes(1),
          1280,
          0.7,
          Duration.ofSeconds(5),
          1L << 30,
          64L << 20);

  @Param({"1920x1080", "5120x2880"})
  public String resolution;

  private Path dir;
  private FrameRing ring;
  private long position;
  private long fingerprint;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String[] size = resolution.split("x");
    int width = Integer.parseInt(size[0]);
    int height = Integer.parseInt(size[1]);
    dir = Files.createTempDirectory("keyframe");
    ring =
        FrameRing.open(
            dir.resolve("frames.ring"),
            RingGeometry.forBudget(4L * width * height * 3, width, height),
            OffHeapBudget.unlimited());
    try (SyntheticDesktop desktop = new SyntheticDesktop(width, height)) {
      if (desktop.grab(0, 0) != Grab.FRAME) {
        throw new IllegalStateException("the synthetic desktop drew no frame");
      }
      FrameRingWriter writer = ring.writer();
      writer.tryClaim(width, height);
      desktop.writeFrameTo(writer);
      fingerprint = writer.fingerprint();
      position = writer.commit(0, 0, 0);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    ring.close();
    TempFiles.deleteTree(dir);
  }

  @Benchmark
  public KeyframeRecord keyframe() {
    return KeyframeWriter.keyframe(ring, 1, 0, position, fingerprint, DEFAULTS);
  }
}

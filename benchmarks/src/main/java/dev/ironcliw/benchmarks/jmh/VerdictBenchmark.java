package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.dedup.VerdictPolicy;
import dev.ironcliw.diff.SimdTileDiffEngine;
import dev.ironcliw.ring.FrameHash;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.TileDiff;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The verdict of one 1080p frame, as the daemon reaches it, with the default dedup settings.
 *
 * <ul>
 *   <li>{@link #duplicateFrame}: the exact fingerprint of the frame (read in place) equals the
 *       previous one: DUPLICATE, nothing else runs.
 *   <li>{@link #changedFrame}: a frame with new content: fingerprint, CPU diff (2 threads), then
 *       {@link VerdictPolicy#judge}: perceptual hashes of the tiles that differ, bloom lookups and
 *       confirmations, volatility. {@code typing} changes a 12x120-pixel strip (new characters each
 *       time), {@code all} a row of pixels in every tile (2,040 new tiles each time).
 *   <li>{@link #fingerprintAndDiffOnly}: the same without the judge step.
 * </ul>
 */
@State(Scope.Thread)
public class VerdictBenchmark extends BenchmarkDefaults {
  private static final int WIDTH = 1920;
  private static final int HEIGHT = 1080;
  private static final int STRIDE = WIDTH * 4;

  @Param({"typing", "all"})
  public String change;

  private Arena arena;
  private final FrameView[] frames = new FrameView[2];
  private SimdTileDiffEngine engine;
  private VerdictPolicy policy;
  private long previousFingerprint;
  private int newest;
  private long tick;

  @Setup(Level.Trial)
  public void setUp() {
    arena = Arena.ofShared();
    Random random = new Random(7);
    byte[] screen = new byte[STRIDE * HEIGHT];
    random.nextBytes(screen);
    for (int i = 0; i < 2; i++) {
      MemorySegment pixels = arena.allocate(screen.length, 64);
      MemorySegment.copy(MemorySegment.ofArray(screen), 0, pixels, 0, screen.length);
      frames[i] = FrameView.detached(pixels, WIDTH, HEIGHT, STRIDE, 0);
    }
    engine = new SimdTileDiffEngine(32, 256, 2);
    policy = new VerdictPolicy(Duration.ofMinutes(5), 32);
    policy.judge(0, frames[0], null, 0);
    previousFingerprint = FrameHash.hash(frames[0].pixels(), 0, frames[0].pixels().byteSize());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
    arena.close();
  }

  /** Draws new content into the older frame, which becomes the newest. */
  private FrameView drawNext() {
    tick++;
    newest ^= 1;
    MemorySegment pixels = frames[newest].pixels();
    if (change.equals("typing")) {
      for (int y = HEIGHT / 2; y < HEIGHT / 2 + 12; y++) {
        long row = (long) y * STRIDE + (WIDTH / 3) * 4L;
        for (int x = 0; x < 120; x += 2) {
          pixels.set(ValueLayout.JAVA_LONG_UNALIGNED, row + x * 4L, tick * 0x9E3779B97F4A7C15L + x);
        }
      }
    } else {
      for (int ty = 0; ty < HEIGHT / 32; ty++) {
        long row = (long) (ty * 32 + (int) (tick % 32)) * STRIDE;
        for (int x = 0; x < WIDTH; x += 2) {
          pixels.set(ValueLayout.JAVA_LONG_UNALIGNED, row + x * 4L, tick * 0x9E3779B97F4A7C15L + x);
        }
      }
    }
    return frames[newest];
  }

  @Benchmark
  public Verdict duplicateFrame() {
    FrameView frame = frames[0];
    long fingerprint = FrameHash.hash(frame.pixels(), 0, frame.pixels().byteSize());
    return fingerprint == previousFingerprint ? Verdict.DUPLICATE : Verdict.CHANGE;
  }

  @Benchmark
  public Verdict changedFrame() {
    FrameView previous = frames[newest];
    FrameView current = drawNext();
    long fingerprint = FrameHash.hash(current.pixels(), 0, current.pixels().byteSize());
    if (fingerprint == previousFingerprint) {
      return Verdict.DUPLICATE;
    }
    previousFingerprint = fingerprint;
    return policy.judge(0, current, engine.diff(previous, current), tick * 100_000_000L);
  }

  /** {@link #changedFrame} without the judge step: what the judge adds is the difference. */
  @Benchmark
  public TileDiff fingerprintAndDiffOnly() {
    FrameView previous = frames[newest];
    FrameView current = drawNext();
    previousFingerprint = FrameHash.hash(current.pixels(), 0, current.pixels().byteSize());
    return engine.diff(previous, current);
  }
}

package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.benchmarks.support.TempFiles;
import dev.ironcliw.diff.SimdTileDiffEngine;
import dev.ironcliw.ring.FrameHash;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.ReadStatus;
import dev.ironcliw.ring.RingGeometry;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
 * One frame into the memory-mapped ring against a plain copy of the same bytes between two off-heap
 * buffers, and the fingerprint alone. {@code ringWrite} is a source that draws into the slot (copy,
 * then a fingerprint pass); {@code ringWriteHashingCopy} is one whose frame lies in memory (X11's
 * shared image, a replay), copied and hashed in one pass by {@link FrameRingWriter#copyFrom}.
 * {@code ringWriteDiffingCopy} also diffs each frame against the one before as it copies it, as the
 * daemon's capture does with the CPU engine; {@code ringWriteThenDiff} is what that replaces: the
 * copy, then the engine's diff on one thread.
 */
@State(Scope.Thread)
public class FrameWriteBenchmark extends BenchmarkDefaults {
  @Param({"1920x1080", "5120x2880"})
  public String resolution;

  /**
   * What differs between the two frames the diffing benchmarks alternate: a window of a third of
   * the screen, nothing, or every pixel.
   */
  @Param({"window"})
  public String change;

  private int width;
  private int height;
  private Arena arena;
  private MemorySegment source;
  private MemorySegment plainTarget;
  private Path dir;
  private FrameRing ring;
  private FrameRingWriter writer;
  private long seq;

  /** The frame {@link #source} alternates with: a window of a third of the screen moved. */
  private MemorySegment moved;

  private long[] chunkHashes;
  private boolean sourceNext;
  private boolean diffing;
  private long lastPosition = -1;
  private SimdTileDiffEngine engine;
  private final FrameView previousView = new FrameView();
  private final FrameView currentView = new FrameView();

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String[] parts = resolution.split("x");
    width = Integer.parseInt(parts[0]);
    height = Integer.parseInt(parts[1]);
    long frameBytes = (long) width * height * 4;
    arena = Arena.ofShared();
    source = arena.allocate(frameBytes, 4096);
    plainTarget = arena.allocate(frameBytes, 4096);
    byte[] random = new byte[(int) frameBytes];
    new Random(1).nextBytes(random);
    MemorySegment.copy(MemorySegment.ofArray(random), 0, source, 0, frameBytes);
    dir = TempFiles.ringDirectory("ironcliw-bench");
    RingGeometry geometry = RingGeometry.forBudget(8 * (frameBytes + 8192), width, height);
    ring = FrameRing.open(dir.resolve("frames.ring"), geometry, OffHeapBudget.unlimited());
    writer = ring.writer();
    moved = arena.allocate(frameBytes, 4096);
    MemorySegment.copy(source, 0, moved, 0, frameBytes);
    switch (change) {
      case "window" -> {
        for (int y = height / 4; y < height / 4 + height / 2; y++) {
          long row = (long) y * width * 4 + (width / 3) * 4L;
          moved.asSlice(row, (width / 3) * 4L).fill((byte) (y & 0x7F));
        }
      }
      case "whole" -> {
        for (long i = 0; i < frameBytes; i += 4) {
          moved.set(
              ValueLayout.JAVA_INT_UNALIGNED, i, ~source.get(ValueLayout.JAVA_INT_UNALIGNED, i));
        }
      }
      case "none" -> {}
      default -> throw new IllegalArgumentException("change: window, none or whole");
    }
    engine = new SimdTileDiffEngine(32, 0, 1);
    chunkHashes = new long[FrameHash.chunkCount(frameBytes)];
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    engine.close();
    ring.close();
    arena.close();
    Files.deleteIfExists(dir.resolve("frames.ring"));
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public long ringWrite() {
    writer.tryClaim(width, height);
    MemorySegment.copy(source, 0, writer.pixels(), 0, source.byteSize());
    return writer.commit(seq++, seq, 0);
  }

  @Benchmark
  public long ringWriteHashingCopy() {
    writer.tryClaim(width, height);
    writer.copyFrom(source, 0, width * 4L);
    return writer.commit(seq++, seq, 0);
  }

  /**
   * {@link #ringWriteHashingCopy} into a slot whose pages were taken out of the process, as the
   * pipeline does with each frame it is done with: what a whole frame written a lap later costs.
   * The writer maps the pages back in one call before the copy; the unmapping is counted.
   */
  @Benchmark
  public long ringWriteHashingCopyUnmapped() {
    writer.tryClaim(width, height);
    writer.copyFrom(source, 0, width * 4L);
    long position = writer.commit(seq++, seq, 0);
    ring.unmapFrame(position);
    return position;
  }

  /**
   * {@link #ringWriteHashingCopy} of a frame that differs from the last one ({@link #change}),
   * diffed against it as it is copied (tiles of 32, as the daemon's CPU engine), with the stream's
   * chunk hashes kept from write to write as capture keeps them: chunks hashed as before are not
   * compared.
   */
  @Benchmark
  public long ringWriteDiffingCopy() {
    diffWhileCopying(true);
    writer.tryClaim(width, height);
    writer.diffAgainst(lastPosition);
    writer.copyFrom(
        nextSource(), 0, width * 4L, chunkHashes, null, null, FrameRingWriter.NO_CONTENT_TAG);
    lastPosition = writer.commit(seq++, seq, 0);
    return lastPosition;
  }

  /** What {@link #ringWriteDiffingCopy} replaces: the copy, then the CPU engine on one thread. */
  @Benchmark
  public long ringWriteThenDiff() {
    diffWhileCopying(false);
    writer.tryClaim(width, height);
    writer.copyFrom(nextSource(), 0, width * 4L);
    long position = writer.commit(seq++, seq, 0);
    long changed = 0;
    if (lastPosition >= 0
        && ring.read(lastPosition, previousView) == ReadStatus.OK
        && ring.read(position, currentView) == ReadStatus.OK) {
      changed = engine.diff(previousView, currentView).changedTiles();
    }
    lastPosition = position;
    return changed;
  }

  private void diffWhileCopying(boolean on) {
    if (on != diffing) {
      writer.diffWhileCopying(on ? 32 : 0);
      diffing = on;
    }
  }

  private MemorySegment nextSource() {
    sourceNext = !sourceNext;
    return sourceNext ? source : moved;
  }

  @Benchmark
  public MemorySegment plainCopy() {
    MemorySegment.copy(source, 0, plainTarget, 0, source.byteSize());
    return plainTarget;
  }

  @Benchmark
  public long fingerprintOnly() {
    return FrameHash.hash(source, 0, source.byteSize());
  }
}

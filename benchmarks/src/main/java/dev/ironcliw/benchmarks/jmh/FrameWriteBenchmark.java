package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.benchmarks.support.TempFiles;
import dev.ironcliw.ring.FrameHash;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.RingGeometry;
import java.io.IOException;
import java.lang.foreign.Arena;
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
 * One frame into the memory-mapped ring against a plain copy of the same bytes between two off-heap
 * buffers, and the fingerprint alone. {@code ringWrite} is a source that draws into the slot (copy,
 * then a fingerprint pass); {@code ringWriteHashingCopy} is one whose frame lies in memory (X11's
 * shared image, a replay), copied and hashed in one pass by {@link FrameRingWriter#copyFrom}.
 */
@State(Scope.Thread)
public class FrameWriteBenchmark extends BenchmarkDefaults {
  @Param({"1920x1080", "5120x2880"})
  public String resolution;

  private int width;
  private int height;
  private Arena arena;
  private MemorySegment source;
  private MemorySegment plainTarget;
  private Path dir;
  private FrameRing ring;
  private FrameRingWriter writer;
  private long seq;

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
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
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

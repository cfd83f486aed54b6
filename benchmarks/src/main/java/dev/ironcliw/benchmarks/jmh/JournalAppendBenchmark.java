package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.benchmarks.support.TempFiles;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.diff.ChangedRegions.Region;
import dev.ironcliw.diff.RegionFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The pipeline's last stage: one frame record appended to the journal (Chronicle Queue), a
 * DUPLICATE's (no regions) and a typed character's CHANGE (two regions with features, the frame
 * descriptor). In package {@code dev.ironcliw.daemon} to reach the journal directly.
 */
@State(Scope.Thread)
public class JournalAppendBenchmark extends BenchmarkDefaults {
  private static final byte[] DESCRIPTOR = new byte[64];
  private static final List<Region> TYPED =
      List.of(new Region(320, 200, 64, 32, 2, 9_000), new Region(900, 1040, 32, 32, 1, 700));
  private static final List<RegionFeatures> TYPED_FEATURES =
      List.of(new RegionFeatures(200, 40, 0.2, 0x1020304050607L), new RegionFeatures(80, 3, 0, 9));

  private Path dir;
  private Journal journal;
  private long seq;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("journal-append");
    journal = Journal.open(dir, 16L << 20);
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    journal.close();
    TempFiles.deleteTree(dir);
  }

  @Benchmark
  public void duplicate() {
    journal.append(record(Verdict.DUPLICATE, List.of(), List.of(), new byte[0]));
  }

  @Benchmark
  public void typedChange() {
    journal.append(record(Verdict.CHANGE, TYPED, TYPED_FEATURES, DESCRIPTOR));
  }

  private FrameRecord record(
      Verdict verdict, List<Region> regions, List<RegionFeatures> features, byte[] descriptor) {
    long at = System.currentTimeMillis() * 1_000_000L;
    return new FrameRecord(
        seq++,
        at,
        "bench",
        verdict,
        verdict == Verdict.CHANGE,
        regions.size() * 2,
        1920,
        1080,
        seq,
        seq * 0x9E3779B97F4A7C15L,
        regions.isEmpty() ? 0 : 30,
        regions,
        0,
        0,
        -1,
        features,
        descriptor);
  }
}

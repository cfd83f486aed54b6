package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.benchmarks.support.GeneratedFrames;
import dev.ironcliw.benchmarks.support.TempFiles;
import dev.ironcliw.daemon.journal.FramePage;
import dev.ironcliw.daemon.journal.FrameQuery;
import dev.ironcliw.daemon.journal.Journal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Journal queries against an hour and a week of history at 10 FPS (36,000 and 6,048,000 frame
 * records in daily files): the last minute's first page, and one recent record by seq. Both find
 * their start by binary search over the in-memory index, so they should cost the same whatever the
 * history's length. In package {@code dev.ironcliw.daemon} to reach the journal directly.
 */
@State(Scope.Benchmark)
public class JournalQueryBenchmark extends BenchmarkDefaults {
  private static final long FRAME_INTERVAL_MILLIS = 100;
  private static final long START_MILLIS = 1_793_000_000_000L;

  @Param({"36000", "6048000"})
  public int records;

  private Path dir;
  private Journal journal;
  private long lastMinuteFromNanos;

  @Setup(Level.Trial)
  public void write() throws IOException {
    dir = Files.createTempDirectory("journal-query");
    SetTimeProvider clock = new SetTimeProvider(START_MILLIS * 1_000_000L);
    journal = Journal.open(dir, 16L << 20, clock);
    byte[] descriptor = new byte[64];
    for (int seq = 0; seq < records; seq++) {
      long atMillis = START_MILLIS + seq * FRAME_INTERVAL_MILLIS;
      clock.currentTimeMillis(atMillis);
      journal.append(GeneratedFrames.record(seq, atMillis * 1_000_000L, "synthetic", descriptor));
    }
    journal.closeAppender();
    journal.close();
    // Reopened, as after a restart: the index is rebuilt by reading the journal (logged with
    // its time).
    journal = Journal.open(dir, 16L << 20, clock);
    long lastMillis = START_MILLIS + (records - 1) * FRAME_INTERVAL_MILLIS;
    lastMinuteFromNanos = (lastMillis - 60_000) * 1_000_000L;
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    journal.close();
    TempFiles.deleteTree(dir);
  }

  /** {@code frames?from=<a minute ago>&limit=100}. */
  @Benchmark
  public FramePage lastMinutePage() {
    return journal.query(new FrameQuery(null, null, lastMinuteFromNanos, null, Set.of(), 100));
  }

  /** {@code frames/{seq}} for one of the last 600 frames. */
  @Benchmark
  public Object recentRecord() {
    long seq = records - 1 - ThreadLocalRandom.current().nextInt(600);
    return journal.find(seq);
  }
}

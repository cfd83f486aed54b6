package dev.ironcliw.diff;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.TileDiff;
import dev.ironcliw.ring.TileSums;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The CPU engine: "mismatch first" ({@link MemorySegment#mismatch} skips equal rows at memory
 * speed), then from a row's first differing tile the Vector API sums per tile ({@link TileSums}).
 * Tile rows are split across {@code threads} threads (the caller plus a pool) when there is enough
 * to read. Results equal {@link ScalarTileDiffEngine}.
 */
public final class SimdTileDiffEngine implements DiffEngine {
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;

  /**
   * A diff of fewer pixels to read than this (a damage hint of a few rows: a typed character) runs
   * on the caller alone: waking a worker would cost more than it saves.
   */
  static final long MIN_PIXELS_TO_SHARE = 1 << 16;

  private final TileDiff result;
  private final int threads;
  private final ExecutorService pool;
  private final DamageRows damageRows = new DamageRows();
  private final TileSums[] sums;
  private volatile long tileThreshold;

  /** The workers' parts of a diff, made once: chunk c diffs tile rows c, c + chunks, ... */
  private final Runnable[] chunkTasks;

  /** The diff the workers are given: set before they are started, read by them. */
  private FrameView sharedPrevious;

  private FrameView sharedCurrent;
  private boolean[] sharedRows;
  private int sharedChunks;

  /** Workers still diffing; the caller waits for 0. */
  private final AtomicInteger chunksRunning = new AtomicInteger();

  /** The thread waiting for the workers. */
  private volatile Thread caller;

  /** What a worker threw, for the caller to throw. */
  private volatile Throwable chunkFailure;

  public SimdTileDiffEngine(int tileSize, long tileThreshold, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.result = new TileDiff(tileSize);
    this.tileThreshold = tileThreshold;
    this.threads = threads;
    // A bounded queue as long as the workers: a diff queues no node per task.
    this.pool =
        threads > 1
            ? new ThreadPoolExecutor(
                threads - 1,
                threads - 1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads - 1),
                Thread.ofPlatform().daemon().name("diff-", 1).factory())
            : null;
    this.sums = new TileSums[threads];
    for (int chunk = 0; chunk < threads; chunk++) {
      sums[chunk] = new TileSums(tileSize);
    }
    this.chunkTasks = new Runnable[threads];
    for (int chunk = 1; chunk < threads; chunk++) {
      int c = chunk;
      chunkTasks[chunk] = () -> runChunk(c);
    }
  }

  @Override
  public String backend() {
    return "cpu-simd (" + BYTES.vectorBitSize() + "-bit, " + threads + " threads)";
  }

  @Override
  public void setTileThreshold(long threshold) {
    tileThreshold = threshold;
  }

  @Override
  public long tileThreshold() {
    return tileThreshold;
  }

  @Override
  public TileDiff diff(FrameView previous, FrameView current, List<Rect> damage) {
    if (!result.startDiff(previous, current)) {
      return result;
    }
    int height = current.height();
    boolean[] rows = damageRows.of(height, damage);
    int tileRows = result.tilesY();
    int chunks =
        pixelsToRead(rows, current) < MIN_PIXELS_TO_SHARE ? 1 : Math.min(threads, tileRows);
    if (chunks == 1) {
      diffTileRows(previous, current, rows, 0, 1);
    } else {
      sharedPrevious = previous;
      sharedCurrent = current;
      sharedRows = rows;
      sharedChunks = chunks;
      chunkFailure = null;
      caller = Thread.currentThread();
      chunksRunning.set(chunks - 1);
      for (int chunk = 1; chunk < chunks; chunk++) {
        pool.execute(chunkTasks[chunk]);
      }
      diffTileRows(previous, current, rows, 0, chunks);
      awaitChunks();
    }
    result.contentHashesGiven();
    result.classify(tileThreshold);
    return result;
  }

  /** Pixels a diff of {@code rows} of {@code frame} reads (all of them: rows not skipped). */
  private static long pixelsToRead(boolean[] rows, FrameView frame) {
    int count = 0;
    for (int y = 0; y < frame.height(); y++) {
      if (rows[y]) {
        count++;
      }
    }
    return (long) count * frame.width();
  }

  /** A worker's part of the diff. */
  private void runChunk(int chunk) {
    try {
      diffTileRows(sharedPrevious, sharedCurrent, sharedRows, chunk, sharedChunks);
    } catch (Throwable t) {
      chunkFailure = t;
    } finally {
      if (chunksRunning.decrementAndGet() == 0) {
        LockSupport.unpark(caller);
      }
    }
  }

  /** Waits until every worker finished its part; throws what one threw. */
  private void awaitChunks() {
    boolean interrupted = false;
    while (chunksRunning.get() > 0) {
      LockSupport.park(this);
      interrupted |= Thread.interrupted();
    }
    sharedPrevious = null;
    sharedCurrent = null;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable failure = chunkFailure;
    if (failure != null) {
      throw new IllegalStateException("diff worker failed", failure);
    }
  }

  /** Diffs the tile rows {@code chunk}, {@code chunk + chunks}, ... (interleaved for balance). */
  private void diffTileRows(
      FrameView previous, FrameView current, boolean[] rows, int chunk, int chunks) {
    TileSums chunkSums = sums[chunk];
    chunkSums.begin(result.tilesX());
    for (int tileRow = chunk; tileRow < result.tilesY(); tileRow += chunks) {
      diffTileRow(previous, current, rows, tileRow, chunkSums);
    }
  }

  private void diffTileRow(
      FrameView previous, FrameView current, boolean[] rows, int tileRow, TileSums chunkSums) {
    MemorySegment a = previous.pixels();
    MemorySegment b = current.pixels();
    long rowBytes = (long) current.width() * 4;
    long tileBytes = result.tileSize() * 4L;
    int firstRow = tileRow * result.tileSize();
    int lastRow = Math.min(current.height(), firstRow + result.tileSize());
    for (int y = firstRow; y < lastRow; y++) {
      if (!rows[y]) {
        continue;
      }
      long rowA = (long) y * previous.strideBytes();
      long rowB = (long) y * current.strideBytes();
      long firstDiff = MemorySegment.mismatch(a, rowA, rowA + rowBytes, b, rowB, rowB + rowBytes);
      if (firstDiff < 0) {
        continue;
      }
      long from = firstDiff / tileBytes * tileBytes;
      chunkSums.add(a, rowA, b, rowB, from, rowBytes, result, tileRow);
      chunkSums.rowDone(result, tileRow);
    }
    chunkSums.flush(result, tileRow);
    chunkSums.hashDifferingTiles(result, b, current.strideBytes(), tileRow);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}

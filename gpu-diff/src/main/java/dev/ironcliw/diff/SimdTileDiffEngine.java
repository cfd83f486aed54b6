package dev.ironcliw.diff;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.PixelSad;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.TileContentHash;
import dev.ironcliw.ring.TileDiff;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The CPU engine: "mismatch first" ({@link MemorySegment#mismatch} skips equal rows at memory
 * speed), then per tile the Vector API sums |a - b| over B, G and R: unsigned max minus min per
 * byte, the fourth byte masked off, pairs of bytes folded into 16-bit halves of int lanes that
 * accumulate across a tile's rows and are reduced once per tile row. Tile rows are split across
 * {@code threads} threads (the caller plus a pool) when there is enough to read. Results equal
 * {@link ScalarTileDiffEngine}.
 */
public final class SimdTileDiffEngine implements DiffEngine {
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final int VECTOR_BYTES = BYTES.length();
  private static final int LANES = INTS.length();
  private static final ByteVector COLOUR_BYTES = colourMask();

  /** A 16-bit half gains at most 2 * 255 per vector added: 128 adds stay below 65536. */
  private static final int ADDS_BEFORE_FLUSH = 128;

  /**
   * A diff of fewer pixels to read than this (a damage hint of a few rows: a typed character) runs
   * on the caller alone: waking a worker would cost more than it saves.
   */
  static final long MIN_PIXELS_TO_SHARE = 1 << 16;

  private final TileDiff result;
  private final int threads;
  private final ExecutorService pool;
  private final DamageRows damageRows = new DamageRows();
  private final int[][] accumulators;
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
    this.accumulators = new int[threads][0];
    this.chunkTasks = new Runnable[threads];
    for (int chunk = 1; chunk < threads; chunk++) {
      int c = chunk;
      chunkTasks[chunk] = () -> runChunk(c);
    }
  }

  private static ByteVector colourMask() {
    byte[] mask = new byte[VECTOR_BYTES];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = (byte) (i % 4 == 3 ? 0 : -1);
    }
    return ByteVector.fromArray(BYTES, mask, 0);
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
    int tilesX = result.tilesX();
    int[] acc = accumulators[chunk];
    if (acc.length < tilesX * LANES) {
      acc = new int[tilesX * LANES];
      accumulators[chunk] = acc;
    }
    for (int tileRow = chunk; tileRow < result.tilesY(); tileRow += chunks) {
      diffTileRow(previous, current, rows, tileRow, acc);
    }
  }

  private void diffTileRow(
      FrameView previous, FrameView current, boolean[] rows, int tileRow, int[] acc) {
    MemorySegment a = previous.pixels();
    MemorySegment b = current.pixels();
    int width = current.width();
    int tileSize = result.tileSize();
    int tilesX = result.tilesX();
    long rowBytes = (long) width * 4;
    int tileBytes = tileSize * 4;
    int vectorsPerTileRow = Math.max(1, tileBytes / VECTOR_BYTES);
    int rowsPerFlush = Math.max(1, ADDS_BEFORE_FLUSH / vectorsPerTileRow);
    int firstRow = tileRow * tileSize;
    int lastRow = Math.min(current.height(), firstRow + tileSize);
    int pendingRows = 0;
    int lowestTile = tilesX;
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
      int startTile = (int) (firstDiff / 4) / tileSize;
      lowestTile = Math.min(lowestTile, startTile);
      for (int tx = startTile; tx < tilesX; tx++) {
        long from = (long) tx * tileBytes;
        long to = Math.min(from + tileBytes, rowBytes);
        sumTileRow(a, rowA, b, rowB, from, to, acc, tileRow * tilesX + tx, tx);
      }
      if (++pendingRows == rowsPerFlush) {
        flush(acc, tileRow, lowestTile);
        pendingRows = 0;
        lowestTile = tilesX;
      }
    }
    if (pendingRows > 0) {
      flush(acc, tileRow, lowestTile);
    }
    hashDifferingTiles(current, tileRow);
  }

  /**
   * The content hash of each tile of the row that differs at all, while the row is still in the
   * cache: the verdict needs them, and would otherwise read those tiles from memory again.
   */
  private void hashDifferingTiles(FrameView current, int tileRow) {
    int tileSize = result.tileSize();
    int tilesX = result.tilesX();
    int y = tileRow * tileSize;
    int height = Math.min(tileSize, current.height() - y);
    for (int tx = 0; tx < tilesX; tx++) {
      int tile = tileRow * tilesX + tx;
      if (result.sad(tile) != 0) {
        int x = tx * tileSize;
        result.setContentHash(
            tile,
            TileContentHash.hash(
                current.pixels(),
                current.strideBytes(),
                x,
                y,
                Math.min(tileSize, current.width() - x),
                height));
      }
    }
  }

  /** Adds |a - b| of bytes [from, to) of one row to tile {@code tile}'s accumulator. */
  private void sumTileRow(
      MemorySegment a,
      long rowA,
      MemorySegment b,
      long rowB,
      long from,
      long to,
      int[] acc,
      int tile,
      int tx) {
    long i = from;
    if (i + VECTOR_BYTES <= to) {
      IntVector sum = IntVector.fromArray(INTS, acc, tx * LANES);
      for (; i + VECTOR_BYTES <= to; i += VECTOR_BYTES) {
        ByteVector va = ByteVector.fromMemorySegment(BYTES, a, rowA + i, ByteOrder.LITTLE_ENDIAN);
        ByteVector vb = ByteVector.fromMemorySegment(BYTES, b, rowB + i, ByteOrder.LITTLE_ENDIAN);
        ByteVector diff =
            va.lanewise(VectorOperators.UMAX, vb)
                .sub(va.lanewise(VectorOperators.UMIN, vb))
                .and(COLOUR_BYTES);
        IntVector words = diff.reinterpretAsInts();
        sum =
            sum.add(words.and(0x00FF00FF))
                .add(words.lanewise(VectorOperators.LSHR, 8).and(0x00FF00FF));
      }
      sum.intoArray(acc, tx * LANES);
    }
    long tail = PixelSad.sum(a, rowA, b, rowB, i, to);
    if (tail != 0) {
      result.addSad(tile, tail);
    }
  }

  /** Moves the accumulated 16-bit halves of tiles from {@code lowestTile} into the result. */
  private void flush(int[] acc, int tileRow, int lowestTile) {
    int tilesX = result.tilesX();
    for (int tx = lowestTile; tx < tilesX; tx++) {
      IntVector sum = IntVector.fromArray(INTS, acc, tx * LANES);
      long total =
          sum.and(0xFFFF).reduceLanesToLong(VectorOperators.ADD)
              + sum.lanewise(VectorOperators.LSHR, 16).reduceLanesToLong(VectorOperators.ADD);
      if (total != 0) {
        result.addSad(tileRow * tilesX + tx, total);
        IntVector.zero(INTS).intoArray(acc, tx * LANES);
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}

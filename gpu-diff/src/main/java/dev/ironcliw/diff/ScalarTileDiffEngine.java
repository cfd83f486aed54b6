package dev.ironcliw.diff;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.PixelSad;
import dev.ironcliw.ring.TileDiff;
import java.lang.foreign.MemorySegment;

/**
 * The plain reference: finds differing rows with {@link MemorySegment#mismatch} and sums absolute
 * differences pixel by pixel from the first differing byte of such rows. The unused fourth byte of
 * each pixel is ignored. Every other engine must give exactly its results; the daemon uses it only
 * where the Vector API is not available.
 */
public final class ScalarTileDiffEngine implements DiffEngine {

  private final TileDiff result;
  private final DamageRows damageRows = new DamageRows();
  private volatile long tileThreshold;

  public ScalarTileDiffEngine(int tileSize, long tileThreshold) {
    this.result = new TileDiff(tileSize);
    this.tileThreshold = tileThreshold;
  }

  @Override
  public String backend() {
    return "cpu-scalar";
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
  public TileDiff diff(
      FrameView previous, FrameView current, java.util.List<dev.ironcliw.ring.Rect> damage) {
    if (!result.startDiff(previous, current)) {
      return result;
    }
    int width = current.width();
    int height = current.height();
    MemorySegment a = previous.pixels();
    MemorySegment b = current.pixels();
    int strideA = previous.strideBytes();
    int strideB = current.strideBytes();
    long rowBytes = (long) width * 4;
    int tileSize = result.tileSize();
    int tilesX = result.tilesX();
    boolean[] rows = damageRows.of(height, damage);
    for (int y = 0; y < height; y++) {
      if (!rows[y]) {
        continue;
      }
      long rowA = (long) y * strideA;
      long rowB = (long) y * strideB;
      long firstDiff = MemorySegment.mismatch(a, rowA, rowA + rowBytes, b, rowB, rowB + rowBytes);
      if (firstDiff < 0) {
        continue;
      }
      int tileRow = (y / tileSize) * tilesX;
      int x = (int) (firstDiff / 4);
      while (x < width) {
        int tileEnd = Math.min(width, (x / tileSize + 1) * tileSize);
        long sad = PixelSad.sum(a, rowA, b, rowB, x * 4L, tileEnd * 4L);
        x = tileEnd;
        if (sad != 0) {
          result.addSad(tileRow + (tileEnd - 1) / tileSize, sad);
        }
      }
    }
    result.classify(tileThreshold);
    return result;
  }
}

package dev.ironcliw.diff;

import dev.ironcliw.ring.TileDiff;
import dev.ironcliw.ring.TileGroups;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The features stage: merges 4-connected changed tiles into rectangles, each with its tile count
 * and summed difference, largest first. Used by the pipeline thread only.
 */
public final class ChangedRegions {
  /** Regions with more tiles first. */
  private static final Comparator<Region> LARGEST_FIRST =
      (r1, r2) -> Integer.compare(r2.tiles(), r1.tiles());

  private final TileGroups groups = new TileGroups();

  /**
   * One merged region in pixels.
   *
   * @param x left edge
   * @param y top edge
   * @param width width, clipped to the frame
   * @param height height, clipped to the frame
   * @param tiles changed tiles in it
   * @param sad summed absolute difference of those tiles
   */
  public record Region(int x, int y, int width, int height, int tiles, long sad) {}

  /** The regions of the diff being read, gathered before they are sorted; reused. */
  private final List<Region> found = new ArrayList<>();

  /** The diff {@link #extract} reads; set only during it, so the callbacks are made once. */
  private TileDiff diff;

  private final IntPredicate changed = t -> diff.isChanged(t % diff.tilesX(), t / diff.tilesX());
  private final TileGroups.Group addRegion = this::addRegion;

  /** The changed regions of {@code diff}, largest first; an unmodifiable list of its own. */
  public List<Region> extract(TileDiff diff) {
    if (diff.changedTiles() == 0) {
      return List.of();
    }
    this.diff = diff;
    try {
      groups.find(diff.tilesX(), diff.tilesY(), false, changed, addRegion);
      found.sort(LARGEST_FIRST);
      return List.copyOf(found);
    } finally {
      this.diff = null;
      found.clear();
    }
  }

  private void addRegion(int minX, int minY, int maxX, int maxY, int[] members, int count) {
    int tilesX = diff.tilesX();
    int size = diff.tileSize();
    long sad = 0;
    for (int i = 0; i < count; i++) {
      sad = saturatingAdd(sad, diff.sad(members[i] % tilesX, members[i] / tilesX));
    }
    int x = minX * size;
    int y = minY * size;
    found.add(
        new Region(
            x,
            y,
            Math.min(diff.frameWidth(), (maxX + 1) * size) - x,
            Math.min(diff.frameHeight(), (maxY + 1) * size) - y,
            count,
            sad));
  }

  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}

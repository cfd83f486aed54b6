package dev.ironcliw.diff;

import dev.ironcliw.ring.TileDiff;
import dev.ironcliw.ring.TileGroups;
import java.util.ArrayList;
import java.util.List;

/**
 * The features stage: merges 4-connected changed tiles into rectangles, each with its tile count
 * and summed difference, largest first. Used by the pipeline thread only.
 */
public final class ChangedRegions {
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

  public List<Region> extract(TileDiff diff) {
    List<Region> regions = new ArrayList<>();
    if (diff.changedTiles() == 0) {
      return regions;
    }
    int tilesX = diff.tilesX();
    int size = diff.tileSize();
    groups.find(
        tilesX,
        diff.tilesY(),
        false,
        t -> diff.isChanged(t % tilesX, t / tilesX),
        (minX, minY, maxX, maxY, members, count) -> {
          long sad = 0;
          for (int i = 0; i < count; i++) {
            sad = saturatingAdd(sad, diff.sad(members[i] % tilesX, members[i] / tilesX));
          }
          int x = minX * size;
          int y = minY * size;
          regions.add(
              new Region(
                  x,
                  y,
                  Math.min(diff.frameWidth(), (maxX + 1) * size) - x,
                  Math.min(diff.frameHeight(), (maxY + 1) * size) - y,
                  count,
                  sad));
        });
    regions.sort((r1, r2) -> Integer.compare(r2.tiles(), r1.tiles()));
    return regions;
  }

  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}

package dev.ironcliw.diff;

import dev.ironcliw.ring.TileDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * The features stage: merges 4-connected changed tiles into rectangles, each with its tile count
 * and summed difference, largest first. Used by the pipeline thread only.
 */
public final class ChangedRegions {
  private int[] stack = new int[0];
  private boolean[] visited = new boolean[0];

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
    int tilesX = diff.tilesX();
    int tilesY = diff.tilesY();
    int tiles = tilesX * tilesY;
    if (visited.length < tiles) {
      visited = new boolean[tiles];
      stack = new int[tiles];
    }
    java.util.Arrays.fill(visited, 0, tiles, false);
    List<Region> regions = new ArrayList<>();
    if (diff.changedTiles() == 0) {
      return regions;
    }
    for (int start = 0; start < tiles; start++) {
      if (visited[start] || !diff.isChanged(start % tilesX, start / tilesX)) {
        continue;
      }
      int minX = Integer.MAX_VALUE;
      int minY = Integer.MAX_VALUE;
      int maxX = -1;
      int maxY = -1;
      int count = 0;
      long sad = 0;
      int top = 0;
      stack[top++] = start;
      visited[start] = true;
      while (top > 0) {
        int t = stack[--top];
        int tx = t % tilesX;
        int ty = t / tilesX;
        minX = Math.min(minX, tx);
        maxX = Math.max(maxX, tx);
        minY = Math.min(minY, ty);
        maxY = Math.max(maxY, ty);
        count++;
        sad = saturatingAdd(sad, diff.sad(tx, ty));
        top = push(diff, tx - 1, ty, top);
        top = push(diff, tx + 1, ty, top);
        top = push(diff, tx, ty - 1, top);
        top = push(diff, tx, ty + 1, top);
      }
      int size = diff.tileSize();
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
    }
    regions.sort((r1, r2) -> Integer.compare(r2.tiles(), r1.tiles()));
    return regions;
  }

  private int push(TileDiff diff, int tx, int ty, int top) {
    if (tx < 0 || ty < 0 || tx >= diff.tilesX() || ty >= diff.tilesY()) {
      return top;
    }
    int t = ty * diff.tilesX() + tx;
    if (!visited[t] && diff.isChanged(tx, ty)) {
      visited[t] = true;
      stack[top++] = t;
    }
    return top;
  }

  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}

package dev.ironcliw.ring;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Finds the connected groups of marked tiles on a grid (a flood fill), for the changed regions of a
 * diff and the volatile regions of dedup. Its buffers grow to the largest grid seen and are reused.
 * Not thread-safe: one per thread.
 */
public final class TileGroups {
  private boolean[] seen = new boolean[0];
  private int[] stack = new int[0];
  private int[] members = new int[0];

  /** One group found; {@code members[0..count)} are its tiles, as {@code y * tilesX + x}. */
  @FunctionalInterface
  public interface Group {
    void found(int minTileX, int minTileY, int maxTileX, int maxTileY, int[] members, int count);
  }

  /**
   * Calls {@code group} for each group of tiles that {@code marked} accepts, in the order of each
   * group's first tile (row by row).
   *
   * @param diagonal true for 8-connected groups, false for 4-connected ones
   * @param marked whether a tile ({@code y * tilesX + x}) belongs in a group
   */
  public void find(int tilesX, int tilesY, boolean diagonal, IntPredicate marked, Group group) {
    int tiles = tilesX * tilesY;
    if (seen.length < tiles) {
      seen = new boolean[tiles];
      stack = new int[tiles];
      members = new int[tiles];
    }
    Arrays.fill(seen, 0, tiles, false);
    for (int start = 0; start < tiles; start++) {
      if (seen[start] || !marked.test(start)) {
        continue;
      }
      int minX = Integer.MAX_VALUE;
      int minY = Integer.MAX_VALUE;
      int maxX = -1;
      int maxY = -1;
      int count = 0;
      int top = 0;
      stack[top++] = start;
      seen[start] = true;
      while (top > 0) {
        int t = stack[--top];
        members[count++] = t;
        int tx = t % tilesX;
        int ty = t / tilesX;
        minX = Math.min(minX, tx);
        minY = Math.min(minY, ty);
        maxX = Math.max(maxX, tx);
        maxY = Math.max(maxY, ty);
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            if ((dx == 0 && dy == 0) || (!diagonal && dx != 0 && dy != 0)) {
              continue;
            }
            int nx = tx + dx;
            int ny = ty + dy;
            if (nx >= 0 && ny >= 0 && nx < tilesX && ny < tilesY) {
              int n = ny * tilesX + nx;
              if (!seen[n] && marked.test(n)) {
                seen[n] = true;
                stack[top++] = n;
              }
            }
          }
        }
      }
      group.found(minX, minY, maxX, maxY, members, count);
    }
  }
}

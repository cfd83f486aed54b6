package dev.ironcliw.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TileGroupsTest {
  /** A 5x3 grid: a 2x2 block, a tile touching it only at a corner, and a lone tile. */
  private static final String GRID = "XX...\n" + "XX...\n" + "..X.X\n";

  private static List<String> groups(boolean diagonal) {
    String[] rows = GRID.split("\n");
    int tilesX = rows[0].length();
    List<String> found = new ArrayList<>();
    new TileGroups()
        .find(
            tilesX,
            rows.length,
            diagonal,
            t -> rows[t / tilesX].charAt(t % tilesX) == 'X',
            (minX, minY, maxX, maxY, members, count) -> {
              int[] tiles = Arrays.copyOf(members, count);
              Arrays.sort(tiles);
              found.add(minX + "," + minY + "-" + maxX + "," + maxY + Arrays.toString(tiles));
            });
    return found;
  }

  @Test
  void shouldJoinOnlySideBySideTilesWhenFourConnected() {
    assertEquals(List.of("0,0-1,1[0, 1, 5, 6]", "2,2-2,2[12]", "4,2-4,2[14]"), groups(false));
  }

  @Test
  void shouldJoinCornerToCornerTilesWhenEightConnected() {
    assertEquals(List.of("0,0-2,2[0, 1, 5, 6, 12]", "4,2-4,2[14]"), groups(true));
  }
}

package dev.ironcliw.diff;

import dev.ironcliw.ring.Rect;
import java.util.Arrays;
import java.util.List;

/** Which pixel rows a damage hint says may differ. */
final class DamageRows {
  private boolean[] rows = new boolean[0];

  /** Rows to read for a frame of {@code height}: all when {@code damage} is null. */
  boolean[] of(int height, List<Rect> damage) {
    if (rows.length < height) {
      rows = new boolean[height];
    }
    Arrays.fill(rows, 0, height, damage == null);
    if (damage != null) {
      for (Rect r : damage) {
        int from = Math.max(0, r.y());
        int to = Math.min(height, r.y() + r.height());
        Arrays.fill(rows, Math.min(from, to), to, true);
      }
    }
    return rows;
  }
}

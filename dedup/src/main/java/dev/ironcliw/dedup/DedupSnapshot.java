package dev.ironcliw.dedup;

import dev.ironcliw.ring.Rect;
import java.util.List;

/**
 * What dedup knows, for status: published by the pipeline thread at most once a second.
 *
 * @param bloomGenerations fill and estimated false-positive rate of each generation, oldest first
 * @param volatileRegions the regions learned volatile, per display
 * @param rememberedFrames whole-frame keys in the exact list of the window
 * @param rememberedTiles tile keys in the exact list of the window
 */
public record DedupSnapshot(
    List<BloomHistory.Generation> bloomGenerations,
    List<VolatileRegion> volatileRegions,
    int rememberedFrames,
    int rememberedTiles) {
  static final DedupSnapshot EMPTY = new DedupSnapshot(List.of(), List.of(), 0, 0);

  /** A group of volatile tiles on one display, in pixels. */
  public record VolatileRegion(int display, Rect bounds) {}
}

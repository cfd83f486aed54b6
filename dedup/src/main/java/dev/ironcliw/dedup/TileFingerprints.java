package dev.ironcliw.dedup;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.TileDiff;

/**
 * The perceptual fingerprints of one display's last kept frame: a {@link TileContentHash} per tile
 * of the diff's grid, and a whole-frame hash that combines them. After a diff only the tiles whose
 * pixels differ at all are hashed again, so a frame where little changed costs little; the
 * whole-frame hash is updated by taking the old tiles out and the new ones in. Used by one thread.
 */
final class TileFingerprints {
  private final int tileSize;
  private long[] tileHashes = new long[0];
  private int tilesX;
  private int tilesY;
  private int width;
  private int height;
  private long frameHash;
  private boolean valid;

  TileFingerprints(int tileSize) {
    this.tileSize = tileSize;
  }

  /**
   * Brings the fingerprints up to {@code current}: the tiles {@code diff} saw differ (any
   * difference, not only over the threshold), or every tile when there is no usable diff.
   *
   * @param diff the diff of {@code current} against the frame these fingerprints describe, or null
   */
  void update(FrameView current, TileDiff diff) {
    if (!sameGrid(current, diff)) {
      hashAll(current);
      return;
    }
    for (int t = 0; t < tileHashes.length; t++) {
      if (diff.sad(t) != 0) {
        long hash = hashTile(current, t);
        frameHash += combine(t, hash) - combine(t, tileHashes[t]);
        tileHashes[t] = hash;
      }
    }
  }

  /** True when {@code diff} of {@code current} is over the tiles these fingerprints hold. */
  boolean sameGrid(FrameView current, TileDiff diff) {
    return valid
        && diff != null
        && current.width() == width
        && current.height() == height
        && diff.tilesX() == tilesX
        && diff.tilesY() == tilesY;
  }

  private void hashAll(FrameView frame) {
    width = frame.width();
    height = frame.height();
    tilesX = Math.ceilDiv(width, tileSize);
    tilesY = Math.ceilDiv(height, tileSize);
    tileHashes = new long[tilesX * tilesY];
    frameHash = width * 0x9E3779B97F4A7C15L + height;
    for (int t = 0; t < tileHashes.length; t++) {
      tileHashes[t] = hashTile(frame, t);
      frameHash += combine(t, tileHashes[t]);
    }
    valid = true;
  }

  private long hashTile(FrameView frame, int tile) {
    int x = (tile % tilesX) * tileSize;
    int y = (tile / tilesX) * tileSize;
    return TileContentHash.hash(
        frame.pixels(),
        frame.strideBytes(),
        x,
        y,
        Math.min(tileSize, width - x),
        Math.min(tileSize, height - y));
  }

  /** A tile's share of the frame hash; the index is mixed in so equal tiles do not cancel. */
  private static long combine(int tile, long hash) {
    long h = (hash ^ (tile * 0xC2B2AE3D27D4EB4FL)) * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 29);
  }

  /** Whole-frame perceptual hash. */
  long frameHash() {
    return frameHash;
  }

  long tileHash(int tile) {
    return tileHashes[tile];
  }

  int tiles() {
    return tileHashes.length;
  }

  /** Whether {@link #update} has described a frame yet. */
  boolean valid() {
    return valid;
  }
}

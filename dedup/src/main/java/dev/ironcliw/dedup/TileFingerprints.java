package dev.ironcliw.dedup;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.TileContentHash;
import dev.ironcliw.ring.TileDiff;

/**
 * The perceptual fingerprints of one display's last kept frame: a {@link TileContentHash} per tile
 * of the diff's grid, and a whole-frame hash that combines them. After a diff only the tiles whose
 * pixels differ at all are hashed again, so a frame where little changed costs little; the
 * whole-frame hash is updated by taking the old tiles out and the new ones in.
 *
 * <p>A second whole-frame hash, the stable hash, leaves out the tiles marked volatile (a clock's
 * digits, a blinking cursor): it names the screen as the user sees it, so a screen the user returns
 * to is known again whatever its clock shows. It is kept up to date the same way. Used by one
 * thread.
 */
final class TileFingerprints {
  /** What a masked tile counts as in the stable hash. */
  private static final long MASKED = 0x5DEECE66DL;

  private final int tileSize;
  private long[] tileHashes = new long[0];
  private int tilesX;
  private int tilesY;
  private int width;
  private int height;
  private boolean[] masked = new boolean[0];
  private long frameHash;
  private long stableHash;
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
    boolean given = diff.hasContentHashes() && diff.tileSize() == tileSize;
    for (int t = 0; t < tileHashes.length; t++) {
      if (diff.sad(t) != 0) {
        // The engine's hash when it gave one: the tile is not read again.
        long hash = given ? diff.contentHash(t) : hashTile(current, t);
        frameHash += combine(t, hash) - combine(t, tileHashes[t]);
        if (!masked[t]) {
          stableHash += combine(t, hash) - combine(t, tileHashes[t]);
        }
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
    masked = new boolean[tileHashes.length];
    frameHash = width * 0x9E3779B97F4A7C15L + height;
    for (int t = 0; t < tileHashes.length; t++) {
      tileHashes[t] = hashTile(frame, t);
      frameHash += combine(t, tileHashes[t]);
    }
    stableHash = frameHash;
    valid = true;
  }

  /**
   * Leaves {@code tile} out of the stable hash (its content is volatile) or puts it back in. A
   * masked tile counts as one fixed value, so two screens that differ only there hash the same.
   */
  void mask(int tile, boolean volatileNow) {
    if (masked[tile] == volatileNow) {
      return;
    }
    long content = combine(tile, tileHashes[tile]);
    long placeholder = combine(tile, MASKED);
    stableHash += volatileNow ? placeholder - content : content - placeholder;
    masked[tile] = volatileNow;
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

  /** Whole-frame perceptual hash with the masked tiles left out. */
  long stableHash() {
    return stableHash;
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

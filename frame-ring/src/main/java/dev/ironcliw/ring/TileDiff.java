package dev.ironcliw.ring;

/**
 * The difference of one frame against the previous kept frame, on a grid of square tiles. Reused
 * from frame to frame by its engine; read it before the next diff. Not thread-safe.
 */
public final class TileDiff {
  private final int tileSize;
  private int tilesX;
  private int tilesY;
  private int frameWidth;
  private int frameHeight;
  private long[] tileSad = new long[0];
  private boolean[] changed = new boolean[0];
  private int changedTiles;
  private long totalSad;

  /** Per tile whose sum is not 0: its {@link TileContentHash} in the current frame, when given. */
  private long[] contentHashes = new long[0];

  private boolean contentHashed;

  public TileDiff(int tileSize) {
    this.tileSize = tileSize;
  }

  public void reset(int width, int height) {
    frameWidth = width;
    frameHeight = height;
    tilesX = (width + tileSize - 1) / tileSize;
    tilesY = (height + tileSize - 1) / tileSize;
    int tiles = tilesX * tilesY;
    if (tileSad.length < tiles) {
      tileSad = new long[tiles];
      changed = new boolean[tiles];
      contentHashes = new long[tiles];
    }
    contentHashed = false;
    java.util.Arrays.fill(tileSad, 0, tiles, 0);
    java.util.Arrays.fill(changed, 0, tiles, false);
    changedTiles = 0;
    totalSad = 0;
  }

  /**
   * Starts the diff of {@code current} against {@code previous}; returns false, with every tile
   * marked changed, when their sizes differ and there is nothing to compare.
   */
  public boolean startDiff(
      dev.ironcliw.ring.FrameView previous, dev.ironcliw.ring.FrameView current) {
    reset(current.width(), current.height());
    if (previous.width() != current.width() || previous.height() != current.height()) {
      markAllChanged();
      return false;
    }
    return true;
  }

  public void addSad(int tile, long sad) {
    tileSad[tile] += sad;
  }

  /**
   * Records the {@link TileContentHash} of {@code tile} in the current frame, hashed by the engine
   * while the tile was in the cache. An engine that gives one gives it for every tile whose sum is
   * not 0, and then calls {@link #contentHashesGiven}.
   */
  public void setContentHash(int tile, long hash) {
    contentHashes[tile] = hash;
  }

  /** Says that every tile whose sum is not 0 has its content hash ({@link #setContentHash}). */
  public void contentHashesGiven() {
    contentHashed = true;
  }

  /**
   * Whether this diff carries the content hash of every tile that differs at all ({@code sad !=
   * 0}), so its reader need not read those tiles again.
   */
  public boolean hasContentHashes() {
    return contentHashed;
  }

  /** The {@link TileContentHash} of a tile whose sum is not 0, when {@link #hasContentHashes}. */
  public long contentHash(int tile) {
    return contentHashes[tile];
  }

  public void classify(long threshold) {
    changedTiles = 0;
    totalSad = 0;
    for (int t = 0; t < tilesX * tilesY; t++) {
      totalSad += tileSad[t];
      changed[t] = tileSad[t] > threshold;
      if (changed[t]) {
        changedTiles++;
      }
    }
  }

  public void markAllChanged() {
    contentHashed = false;
    for (int t = 0; t < tilesX * tilesY; t++) {
      tileSad[t] = Long.MAX_VALUE / (tilesX * (long) tilesY);
      changed[t] = true;
    }
    changedTiles = tilesX * tilesY;
    totalSad = Long.MAX_VALUE;
  }

  public int tileSize() {
    return tileSize;
  }

  public int tilesX() {
    return tilesX;
  }

  public int tilesY() {
    return tilesY;
  }

  public int frameWidth() {
    return frameWidth;
  }

  public int frameHeight() {
    return frameHeight;
  }

  /** Sum of absolute B, G, R differences in tile ({@code tx}, {@code ty}). */
  public long sad(int tx, int ty) {
    return tileSad[ty * tilesX + tx];
  }

  public boolean isChanged(int tx, int ty) {
    return changed[ty * tilesX + tx];
  }

  /** Sum of absolute differences of tile {@code tile}, counted row by row from the top left. */
  public long sad(int tile) {
    return tileSad[tile];
  }

  public boolean isChanged(int tile) {
    return changed[tile];
  }

  /** Tiles in the grid. */
  public int tiles() {
    return tilesX * tilesY;
  }

  public int changedTiles() {
    return changedTiles;
  }

  /** Mean absolute difference per colour byte over the frame, 0 to 255. */
  public double magnitude() {
    if (totalSad == Long.MAX_VALUE) {
      return 255.0;
    }
    return totalSad / (3.0 * frameWidth * frameHeight);
  }
}

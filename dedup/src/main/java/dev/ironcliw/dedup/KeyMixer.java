package dev.ironcliw.dedup;

/**
 * Keys of the bloom history: a whole frame's hash, or one tile's content hash at its place, mixed
 * with the display (and tile index) so that the same pixels elsewhere are a different key and frame
 * keys never collide with tile keys by construction.
 */
final class KeyMixer {
  private static final long FRAME_DOMAIN = 0x6A09E667F3BCC909L;
  private static final long TILE_DOMAIN = 0xBB67AE8584CAA73BL;

  private KeyMixer() {}

  static long frameKey(int display, long frameHash) {
    return mix(frameHash ^ FRAME_DOMAIN ^ ((long) display << 48));
  }

  static long tileKey(int display, int tile, long tileHash) {
    return mix(tileHash ^ TILE_DOMAIN ^ ((long) display << 48) ^ ((long) tile << 20));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

package dev.ironcliw.diff;

/**
 * What a changed region looks like, for dedup (a clock or a cursor is small, flat and keeps its
 * colours; text has edges) and for vision (which crops are worth sending).
 *
 * @param meanLuma mean luminance, 0 to 255 (Y = (77 R + 150 G + 29 B) / 256)
 * @param lumaStdDev standard deviation of the luminance
 * @param edgeDensity share of pixels whose horizontal plus vertical luminance step exceeds {@link
 *     FeatureExtractor#EDGE_STEP}, 0 to 1
 * @param histogram the share of pixels in each colour octant (R, G, B each below or from 128;
 *     octant = R bit 2, G bit 1, B bit 0), in percent, packed one byte per octant, octant 0 lowest
 */
public record RegionFeatures(
    double meanLuma, double lumaStdDev, double edgeDensity, long histogram) {
  /** The percentage of pixels in colour octant {@code octant} (0 to 7). */
  public int histogramPercent(int octant) {
    return (int) (histogram >>> (8 * octant) & 0xFF);
  }

  static long pack(long[] counts, long pixels) {
    long packed = 0;
    for (int octant = 0; octant < 8; octant++) {
      long percent = pixels == 0 ? 0 : Math.round(100.0 * counts[octant] / pixels);
      packed |= percent << (8 * octant);
    }
    return packed;
  }
}

package dev.ironcliw.daemon.journal.record;

import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.diff.ChangedRegions.Region;
import dev.ironcliw.diff.RegionFeatures;
import java.util.List;

/**
 * The journal's record of one processed frame.
 *
 * @param seq frame sequence, unique and increasing across restarts
 * @param capturedAtNanos capture time, nanoseconds since the Unix epoch
 * @param source the file name when replaying, else the source name
 * @param verdict dedup's verdict
 * @param forwarded handed to the vision stage
 * @param changedTiles tiles over the diff threshold against the previous kept frame
 * @param width frame width
 * @param height frame height
 * @param ringPosition where the pixels are (for a DUPLICATE: the identical earlier frame's)
 * @param fingerprint exact 64-bit fingerprint of the pixels
 * @param magnitude mean absolute difference per colour byte, 0 to 255
 * @param regions changed regions, largest first
 * @param display index of the display in the source
 * @param maskedRegions regions blanked by privacy exclusions before the frame reached the ring
 * @param damageRects rectangles in the OS's damage hint, -1 when there was no hint
 * @param features SIMD features of the first (largest) regions, in the order of {@code regions}
 * @param descriptor the frame's 8x8 mean-luminance grid, 64 bytes; empty for a duplicate
 */
public record FrameRecord(
    long seq,
    long capturedAtNanos,
    String source,
    Verdict verdict,
    boolean forwarded,
    int changedTiles,
    int width,
    int height,
    long ringPosition,
    long fingerprint,
    double magnitude,
    List<Region> regions,
    int display,
    int maskedRegions,
    int damageRects,
    List<RegionFeatures> features,
    byte[] descriptor)
    implements JournalRecord {

  /** The empty descriptor, shared: a duplicate's record allocates no array. */
  private static final byte[] NO_DESCRIPTOR = new byte[0];

  public FrameRecord {
    regions = List.copyOf(regions);
    features = List.copyOf(features);
    descriptor = descriptor.length == 0 ? NO_DESCRIPTOR : descriptor.clone();
  }

  /** This record as frame {@code seq}, captured at {@code capturedAtNanos}. */
  public FrameRecord repeatedAs(long seq, long capturedAtNanos) {
    return new FrameRecord(
        seq,
        capturedAtNanos,
        source,
        verdict,
        forwarded,
        changedTiles,
        width,
        height,
        ringPosition,
        fingerprint,
        magnitude,
        regions,
        display,
        maskedRegions,
        damageRects,
        features,
        descriptor);
  }

  @Override
  public byte[] descriptor() {
    return descriptor.length == 0 ? NO_DESCRIPTOR : descriptor.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FrameRecord r
        && seq == r.seq
        && capturedAtNanos == r.capturedAtNanos
        && source.equals(r.source)
        && verdict == r.verdict
        && forwarded == r.forwarded
        && changedTiles == r.changedTiles
        && width == r.width
        && height == r.height
        && ringPosition == r.ringPosition
        && fingerprint == r.fingerprint
        && Double.compare(magnitude, r.magnitude) == 0
        && regions.equals(r.regions)
        && display == r.display
        && maskedRegions == r.maskedRegions
        && damageRects == r.damageRects
        && features.equals(r.features)
        && java.util.Arrays.equals(descriptor, r.descriptor);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seq) * 31 + Long.hashCode(fingerprint);
  }
}

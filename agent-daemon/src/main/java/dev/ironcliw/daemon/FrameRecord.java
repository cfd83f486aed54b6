package dev.ironcliw.daemon;

import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.diff.ChangedRegions.Region;
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
 */
record FrameRecord(
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
    int damageRects) {

  FrameRecord {
    regions = List.copyOf(regions);
  }
}

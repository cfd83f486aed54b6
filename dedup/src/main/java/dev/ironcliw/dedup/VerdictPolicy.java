package dev.ironcliw.dedup;

import java.time.Duration;

/**
 * Decides each frame's {@link Verdict} in two steps: from its exact fingerprint before the diff
 * ({@link #judgeExact}), then, for a frame that is new, from the diff's changed tiles ({@link
 * #judgeDiff}). Exact 64-bit fingerprints only so far; perceptual hashes and bloom filters come
 * with the dedup issue. Used by the pipeline thread only.
 */
public final class VerdictPolicy {
  private final RecentFingerprints recent;

  public VerdictPolicy(Duration revisitWindow) {
    this.recent = new RecentFingerprints(revisitWindow.toNanos());
  }

  /**
   * @param sameAsPrevious the capture found the frame byte-identical to the previous one
   * @param fingerprint the frame's exact fingerprint
   * @param capturedAtNanos capture time, epoch nanoseconds
   * @return DUPLICATE, REVISIT, or CHANGE meaning "new: ask the diff"
   */
  public Verdict judgeExact(boolean sameAsPrevious, long fingerprint, long capturedAtNanos) {
    if (sameAsPrevious) {
      return Verdict.DUPLICATE;
    }
    boolean seen = recent.contains(fingerprint, capturedAtNanos);
    recent.add(fingerprint, capturedAtNanos);
    return seen ? Verdict.REVISIT : Verdict.CHANGE;
  }

  /** A new frame with no tile over the threshold is MINOR, else CHANGE. */
  public Verdict judgeDiff(int changedTiles) {
    return changedTiles == 0 ? Verdict.MINOR : Verdict.CHANGE;
  }

  /** Fingerprints remembered now, for status. */
  public int rememberedFingerprints() {
    return recent.size();
  }
}

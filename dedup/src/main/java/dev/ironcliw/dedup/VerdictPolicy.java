package dev.ironcliw.dedup;

import java.time.Duration;

/**
 * Decides each frame's {@link Verdict} in two steps: from its exact fingerprint before the diff
 * ({@link #judgeExact}), then, for a frame that is new, from the diff's changed tiles ({@link
 * #judgeDiff}). "Seen within the window" is asked of generational bloom filters first; a bloom hit
 * is confirmed against the exact fingerprints of the window, so a false positive never makes a
 * change a REVISIT. Used by the pipeline thread only.
 */
public final class VerdictPolicy {
  private static final long SNAPSHOT_INTERVAL_NANOS = 1_000_000_000L;
  private final RecentFingerprints recent;
  private final BloomHistory bloom;
  private volatile long bloomFalsePositives;
  private volatile java.util.List<BloomHistory.Generation> generationsSnapshot =
      java.util.List.of();
  private long snapshotAtNanos;
  private boolean snapshotTaken;

  /** A policy with a 1 MiB bloom history in 5 generations at a 0.1% false-positive rate. */
  public VerdictPolicy(Duration revisitWindow) {
    this(revisitWindow, 5, 1 << 20, 0.001);
  }

  /**
   * @param revisitWindow how long a screen is remembered for REVISIT
   * @param generations bloom generations sharing the window
   * @param bloomBytes memory for all generations' bits (the dedup budget)
   * @param falsePositiveRate target rate of each full generation
   */
  public VerdictPolicy(
      Duration revisitWindow, int generations, long bloomBytes, double falsePositiveRate) {
    this.recent = new RecentFingerprints(revisitWindow.toNanos());
    this.bloom =
        new BloomHistory(
            revisitWindow.toNanos(), generations, bloomBytes / generations, falsePositiveRate);
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
    boolean maybeSeen = bloom.mightContain(fingerprint, capturedAtNanos);
    boolean seen = maybeSeen && recent.contains(fingerprint, capturedAtNanos);
    if (maybeSeen && !seen) {
      bloomFalsePositives++;
    }
    bloom.put(fingerprint, capturedAtNanos);
    recent.add(fingerprint, capturedAtNanos);
    if (!snapshotTaken || capturedAtNanos - snapshotAtNanos >= SNAPSHOT_INTERVAL_NANOS) {
      generationsSnapshot = java.util.List.copyOf(bloom.generations());
      snapshotAtNanos = capturedAtNanos;
      snapshotTaken = true;
    }
    return seen ? Verdict.REVISIT : Verdict.CHANGE;
  }

  /** A new frame with no tile over the threshold is MINOR, else CHANGE. */
  public Verdict judgeDiff(int changedTiles) {
    return changedTiles == 0 ? Verdict.MINOR : Verdict.CHANGE;
  }

  /**
   * The bloom generations' fill and estimated false-positive rates, for status: a snapshot taken at
   * most once a second on the pipeline thread, safe to read from any thread.
   */
  public java.util.List<BloomHistory.Generation> bloomGenerations() {
    return generationsSnapshot;
  }

  /** Bloom hits the exact fingerprint list did not confirm: false positives caught. */
  public long bloomFalsePositives() {
    return bloomFalsePositives;
  }

  /** Fingerprints remembered now, for status. */
  public int rememberedFingerprints() {
    return recent.size();
  }
}

package dev.ironcliw.ring;

/**
 * What it costs to take a frame's pages out of the process ({@link FrameRing#unmapFrame}) and map
 * them back when the writer fills the slot again a lap later, measured on the ring's own work: the
 * unmapping, and whole-frame writes into slots whose pages were out against writes into slots whose
 * pages were in. On bare metal that is about a millisecond for a 1080p frame; in a virtual machine
 * with shadow page tables every page traps on its first touch after, several times that. The
 * pipeline takes frames out only while the cost stays small at the rate it writes them.
 *
 * <p>The writes are recorded by the writer's thread, the unmapping by the pipeline's; any thread
 * reads.
 */
public final class RemapCost {
  /** Writes of fewer bytes (a damage hint's few rows) are not timed: too noisy to tell. */
  static final long MIN_SAMPLE_BYTES = 1 << 20;

  /** Weight of a new sample in the moving averages. */
  private static final double NEW_WEIGHT = 0.25;

  private volatile double mappedNanosPerByte = Double.NaN;
  private volatile double remappedNanosPerByte = Double.NaN;
  private volatile double unmapNanosPerByte = Double.NaN;

  /** The writer: a write of {@code bytes} took {@code nanos}; {@code remapped}: pages were out. */
  void recordWrite(long nanos, long bytes, boolean remapped) {
    if (bytes < MIN_SAMPLE_BYTES) {
      return;
    }
    double perByte = (double) nanos / bytes;
    if (remapped) {
      remappedNanosPerByte = average(remappedNanosPerByte, perByte);
    } else {
      mappedNanosPerByte = average(mappedNanosPerByte, perByte);
    }
  }

  /** The unmapping thread: taking {@code bytes} of pages out took {@code nanos}. */
  void recordUnmap(long nanos, long bytes) {
    if (bytes >= MIN_SAMPLE_BYTES) {
      unmapNanosPerByte = average(unmapNanosPerByte, (double) nanos / bytes);
    }
  }

  private static double average(double before, double sample) {
    return Double.isNaN(before) ? sample : before + NEW_WEIGHT * (sample - before);
  }

  /**
   * Nanoseconds a byte of frame costs more when its pages are taken out and it is written again
   * than when they stay: NaN until a write into pages that were out was measured. Until a write
   * into pages left in was measured too, all of such a write counts (with a ring of few slots,
   * every slot may be taken out before the writer is back: the estimate is high until a frame is
   * left in, and then comes down).
   */
  public double extraNanosPerByte() {
    double remapped = remappedNanosPerByte;
    if (Double.isNaN(remapped)) {
      return Double.NaN;
    }
    double mapped = mappedNanosPerByte;
    double unmap = unmapNanosPerByte;
    return Math.max(
        0, remapped - (Double.isNaN(mapped) ? 0 : mapped) + (Double.isNaN(unmap) ? 0 : unmap));
  }
}

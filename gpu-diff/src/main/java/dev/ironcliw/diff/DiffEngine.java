package dev.ironcliw.diff;

import dev.ironcliw.ring.FrameView;

/**
 * Computes the per-tile difference of a frame against the previous kept frame. Backends (CPU now;
 * OpenCL and Vulkan with the gpu-diff issue) all give the CPU reference's result. Used by the
 * pipeline thread only.
 */
public interface DiffEngine {
  /** Which backend this is, for status. */
  String backend();

  /**
   * Diffs {@code current} against {@code previous}; a frame of another size changes every tile. The
   * returned object is reused by the next call.
   */
  TileDiff diff(FrameView previous, FrameView current);

  /** Changes the changed-tile threshold from the next diff on. */
  void setTileThreshold(long threshold);
}

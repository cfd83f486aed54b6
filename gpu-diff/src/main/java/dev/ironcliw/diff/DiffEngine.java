package dev.ironcliw.diff;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.TileDiff;
import java.util.List;

/**
 * Computes the per-tile difference of a frame against the previous kept frame. Every backend gives
 * exactly the result of the scalar reference ({@link ScalarTileDiffEngine}). Used by the pipeline
 * thread only; an engine may run its own worker threads.
 */
public interface DiffEngine extends AutoCloseable {
  /** Which backend this is, for status. */
  String backend();

  /**
   * Diffs {@code current} against {@code previous}; a frame of another size changes every tile.
   * {@code damage}, when not null, says where the frames can differ (from the OS); rows outside it
   * are not read. The returned object is reused by the next call.
   */
  TileDiff diff(FrameView previous, FrameView current, List<Rect> damage);

  /** The whole-frame diff. */
  default TileDiff diff(FrameView previous, FrameView current) {
    return diff(previous, current, null);
  }

  /** Changes the changed-tile threshold from the next diff on. */
  void setTileThreshold(long threshold);

  /**
   * The changed-tile threshold in force: a tile whose sum of absolute differences is above it
   * changed. For a diff made elsewhere ({@link TileDiff#classify}).
   */
  long tileThreshold();

  @Override
  default void close() {}
}

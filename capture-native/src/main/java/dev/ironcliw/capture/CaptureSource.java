package dev.ironcliw.capture;

import java.lang.foreign.MemorySegment;

/**
 * Where frames come from. The capture agent calls {@link #advance}, claims a ring slot of the
 * frame's size, then {@link #copyFrameTo} writes the pixels straight into it.
 *
 * <p>Used by the capture thread only.
 */
public interface CaptureSource extends AutoCloseable {
  /** What the source is, for logs and status, e.g. {@code replay:/data/shots}. */
  String name();

  /** The largest frame width this source produces; sizes the ring's slots. */
  int maxWidth();

  /** The largest frame height this source produces. */
  int maxHeight();

  /**
   * True for a live screen: a tick the ring cannot take is dropped. False for a recording: the
   * frame waits for the next tick, so none is lost.
   */
  boolean isLive();

  /**
   * Moves to the next frame.
   *
   * @param elapsedNanos time since capture started, on the capture schedule
   * @return false when a recorded source has no more frames
   */
  boolean advance(long elapsedNanos);

  int frameWidth();

  int frameHeight();

  /** A label for the current frame: the file name when replaying, else the source name. */
  String frameLabel();

  /** Writes the current frame as B,G,R,X rows {@code strideBytes} apart. */
  void copyFrameTo(MemorySegment pixels, int strideBytes);

  /** Frames this source could not produce (unreadable files), counted, not fatal. */
  default long skippedFrames() {
    return 0;
  }

  @Override
  default void close() {}
}

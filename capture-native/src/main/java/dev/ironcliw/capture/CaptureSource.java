package dev.ironcliw.capture;

import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.Rect;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Where frames come from. Each tick, the capture agent calls {@link #grab} for every display; on
 * {@link Grab#FRAME} it claims a ring slot of the frame's size and {@link #copyFrameTo} writes the
 * pixels straight into it.
 *
 * <p>Used by the capture thread only.
 */
public interface CaptureSource extends AutoCloseable {
  /** What the source is, for logs and status, e.g. {@code x11::0}. */
  String name();

  /** The displays, each its own frame stream; their index is the {@code display} of a frame. */
  default List<String> displays() {
    return List.of(name());
  }

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
   * Prepares the next frame of {@code display} for the tick at {@code elapsedNanos} (the same value
   * for every display of one tick).
   */
  Grab grab(int display, long elapsedNanos);

  int frameWidth();

  int frameHeight();

  /** A label for the current frame: the file name when replaying, else the display name. */
  String frameLabel();

  /** Writes the current frame as B,G,R,X rows {@code strideBytes} apart. */
  void copyFrameTo(MemorySegment pixels, int strideBytes);

  /**
   * Writes the current frame into {@code writer}'s claimed slot. A source whose frame already lies
   * in memory hands its rows to {@link FrameRingWriter#copyFrom}, which hashes them as it copies;
   * the default lets {@link #copyFrameTo} draw them, and the writer hashes them after.
   */
  default void writeFrameTo(FrameRingWriter writer) {
    copyFrameTo(writer.pixels(), writer.strideBytes());
  }

  /**
   * Where the current frame changed, in frame coordinates, from the OS's damage report; empty when
   * the source does not know (treat the whole frame as changed).
   */
  default List<Rect> damage() {
    return List.of();
  }

  /**
   * The capture could not keep the current frame of {@code display} (the ring was full): the source
   * must not report the next one as unchanged on the strength of it.
   */
  default void frameDropped(int display) {}

  /** How many regions of the current frame were blanked by privacy exclusions. */
  default int maskedRegions() {
    return 0;
  }

  /**
   * The window that had the input focus at the last grab; {@link FocusedWindow#UNKNOWN} for a
   * source that cannot tell (a recording, a synthetic desktop).
   */
  default FocusedWindow focusedWindow() {
    return FocusedWindow.UNKNOWN;
  }

  /** Why grabs are {@link Grab#PAUSED}, for the journal and status. */
  default String pauseReason() {
    return "";
  }

  /** Frames this source could not produce (unreadable files), counted, not fatal. */
  default long skippedFrames() {
    return 0;
  }

  /** The configured rate changed; a source that runs its own stream adjusts it. */
  default void setFramesPerSecond(double framesPerSecond) {}

  /**
   * {@code pixels}, or {@code points (...)} with what the display's scale made of it, for status
   * (see {@link CaptureResolution}).
   */
  default String resolution() {
    return "pixels";
  }

  /** How the pixels are read, for status, e.g. {@code shm}. */
  default String grabMethod() {
    return "generated";
  }

  /**
   * {@code connected}, or why the source's connection is gone and when it is tried again (see
   * {@link ReconnectingSource}).
   */
  default String connectionState() {
    return "connected";
  }

  /** Times the source's connection was lost and opened again. */
  default long reconnects() {
    return 0;
  }

  @Override
  default void close() {}
}

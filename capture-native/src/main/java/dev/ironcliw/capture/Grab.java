package dev.ironcliw.capture;

/** What {@link CaptureSource#grab} found for a display at one tick. */
public enum Grab {
  /** A frame is ready: claim a slot and call {@link CaptureSource#copyFrameTo}. */
  FRAME,
  /** The source knows nothing changed (damage hint): a duplicate, no pixels were read. */
  UNCHANGED,
  /** Capture is paused (screen saver or lock): no frame. */
  PAUSED,
  /** A recorded source has no more frames. */
  ENDED
}

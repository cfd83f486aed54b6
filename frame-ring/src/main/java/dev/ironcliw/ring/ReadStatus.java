package dev.ironcliw.ring;

/** What a reader found at a ring position. */
public enum ReadStatus {
  /** The view holds the frame; check {@link FrameView#stillValid()} after using its pixels. */
  OK,
  /** The writer has not reached this position yet. */
  NOT_YET_WRITTEN,
  /** A newer frame took the slot, or is being written into it. */
  OVERWRITTEN,
  /**
   * The slot holds no frame for this position (given back, outside the active part, or discarded by
   * crash recovery).
   */
  MISSING
}

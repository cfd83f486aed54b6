package dev.ironcliw.dedup;

/** What dedup decided about a frame; only {@link #CHANGE} goes on to vision. */
public enum Verdict {
  /** Identical to the previous frame. */
  DUPLICATE,
  /** Identical to a frame seen within the revisit window, but not the previous one. */
  REVISIT,
  /** Different bytes, but no tile changed by more than the diff threshold: noise. */
  MINOR,
  /** A real change. */
  CHANGE
}

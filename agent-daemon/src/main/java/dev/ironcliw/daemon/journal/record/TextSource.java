package dev.ironcliw.daemon.journal.record;

/** Where the words of a {@link TextRecord} came from. */
public enum TextSource {
  /** Recognized in the frame's pixels. */
  OCR,
  /** Given by the focused window's accessibility interface (macOS AXUIElement). */
  ACCESSIBILITY
}

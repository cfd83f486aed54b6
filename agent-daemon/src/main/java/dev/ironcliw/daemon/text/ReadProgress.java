package dev.ironcliw.daemon.text;

/** How far text recognition has read each display. */
@FunctionalInterface
public interface ReadProgress {
  /** Where nothing is read: nothing is ever waited for. */
  ReadProgress NOTHING_READ = (display, seq) -> true;

  /**
   * Whether every frame of {@code display} up to {@code seq} that was handed to the reader has been
   * read, or given up (the ring moved on, its read failed): its text, and its secrets, are in the
   * journal.
   */
  boolean hasRead(int display, long seq);
}

package dev.ironcliw.daemon.journal.record;

/**
 * The journal's record of capture pausing or resuming on a display (screen saver, lock).
 *
 * @param timeNanos when, epoch nanoseconds
 * @param display index of the display
 * @param paused true when capture paused, false when it resumed
 * @param reason why, e.g. {@code screen saver active}
 */
public record CaptureEventRecord(long timeNanos, int display, boolean paused, String reason)
    implements JournalEvent {}

package dev.ironcliw.daemon.journal.record;

/**
 * The focused window changed: from frame {@code fromSeq} on, frames were captured while this window
 * had the focus. Journaled only on a change, not per frame. A window the privacy rules exclude is
 * recorded as excluded, without its application or title.
 *
 * @param timeNanos when the change was seen, in epoch nanoseconds
 * @param fromSeq the first frame captured with this focus
 * @param display the display the window is on, -1 when unknown
 * @param app its application (on X11 the class of WM_CLASS); empty when excluded or unknown
 * @param window its title; empty when excluded or unknown
 * @param excluded whether the privacy rules exclude it
 */
public record ContextEventRecord(
    long timeNanos, long fromSeq, int display, String app, String window, boolean excluded)
    implements JournalEvent {}

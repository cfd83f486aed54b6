package dev.ironcliw.daemon.journal;

/**
 * A stretch of time one window had the focus: from its context event to the next one.
 *
 * @param app its application; empty when excluded or unknown
 * @param window its title; empty when excluded or unknown
 * @param display the display it was on, -1 when unknown
 * @param excluded whether the privacy rules exclude it
 * @param fromSeq the first frame of the span
 * @param fromNanos when it began, epoch nanoseconds
 * @param toNanos when its last frame was captured (its start when it has none yet)
 * @param frames frames captured in it, of every display
 * @param changes of those, the {@code CHANGE} frames
 */
public record ActivitySpan(
    String app,
    String window,
    int display,
    boolean excluded,
    long fromSeq,
    long fromNanos,
    long toNanos,
    long frames,
    long changes) {}

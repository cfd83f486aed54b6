package dev.ironcliw.vision;

/**
 * What the vision stage did with the text read off the screen, as {@code status} shows it.
 *
 * @param batches batches sent with text read off the screen
 * @param chars characters of that text sent
 * @param batchesHeld batches that waited for the text reader to read their last frames
 * @param batchesSentUnread batches that went before it had, when the wait ran out: a secret their
 *     last frames showed could not be masked
 * @param imagesMasked images sent with a secret painted over
 */
public record ScreenTextUse(
    long batches, long chars, long batchesHeld, long batchesSentUnread, long imagesMasked) {
  /** Nothing read, nothing sent. */
  public static final ScreenTextUse NONE = new ScreenTextUse(0, 0, 0, 0, 0);
}

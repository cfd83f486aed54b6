package dev.ironcliw.vision;

import java.time.Duration;
import java.util.List;

/**
 * What the daemon's text recognition read on screen, for a batch about to go to the model: its
 * lines, and where it redacted secrets, so that their pixels are painted over in the batch's
 * images. Called on the dispatcher thread.
 */
@FunctionalInterface
public interface ScreenTextSource {
  /** Reads nothing, so sends no text and masks nothing. */
  ScreenTextSource NONE = frames -> ScreenText.NONE;

  /**
   * @return the lines on screen around what changed at the last frame of each display of {@code
   *     frames}, and where the secrets were in those frames
   */
  ScreenText of(List<BatchFrame> frames);

  /**
   * Whether the text of what {@code frames} show has been read, or never will be: until then a
   * batch waits, at most {@link #longestReadWait}, so that a secret typed in its last frames is
   * masked. Cheap: asked again and again while the batch waits.
   */
  default boolean hasRead(List<BatchFrame> frames) {
    return true;
  }

  /** How long a batch waits for {@link #hasRead} before it goes anyway (counted). */
  default Duration longestReadWait() {
    return Duration.ZERO;
  }
}

package dev.ironcliw.vision;

import java.util.List;

/**
 * The text read off the screen that goes to the model with a batch's images: what the daemon's text
 * recognition last read on screen at the batch's last moment. Called on the dispatcher thread, just
 * before the batch is sent.
 */
@FunctionalInterface
public interface ScreenTextSource {
  /** Sends no text. */
  ScreenTextSource NONE = frames -> "";

  /**
   * @return the lines on screen at the last frame of each display of {@code frames}, in reading
   *     order, a line each; empty when none was read
   */
  String textOf(List<BatchFrame> frames);
}

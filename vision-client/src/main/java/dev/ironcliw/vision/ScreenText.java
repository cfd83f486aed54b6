package dev.ironcliw.vision;

import dev.ironcliw.ring.Rect;
import java.util.List;
import java.util.Map;

/**
 * What the daemon read off the screen for one batch.
 *
 * @param lines the lines that go to the model as text, a line each; empty when none
 * @param secretsByDisplay where each display showed a secret the text reader redacted, in frame
 *     pixels: painted over in every image of that display before it is sent
 */
public record ScreenText(String lines, Map<Integer, List<Rect>> secretsByDisplay) {
  /** Nothing read. */
  public static final ScreenText NONE = new ScreenText("", Map.of());

  public ScreenText {
    secretsByDisplay = Map.copyOf(secretsByDisplay);
  }

  /** The secrets shown on {@code display}, where any were. */
  public List<Rect> secretsOn(int display) {
    return secretsByDisplay.getOrDefault(display, List.of());
  }
}

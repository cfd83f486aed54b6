package dev.ironcliw.daemon.scenario;

import dev.ironcliw.ring.Rect;

/**
 * An area of a scenario's screen that changes on its own (a clock, a blinking caret, a video), and
 * the label a frame gets when it changed only there.
 */
public record ScenarioArea(Rect area, ScenarioLabel label) {
  public ScenarioArea {
    if (!label.minor()) {
      throw new IllegalArgumentException("an ambient area's label is a minor one: " + label);
    }
  }
}

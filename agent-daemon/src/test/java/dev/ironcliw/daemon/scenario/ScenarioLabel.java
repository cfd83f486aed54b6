package dev.ironcliw.daemon.scenario;

/** What a recorded frame shows, decided by the scenario's timeline, and what dedup should do. */
public enum ScenarioLabel {
  /** Identical to the previous frame: must be suppressed. */
  DUPLICATE,
  /** A real change (a typed character, scrolled output, a popup, a switch): must go on. */
  REAL,
  /** The screen returning to what it showed earlier (popup closed, window switched back). */
  RETURN,
  /** Only the clock ticked. */
  CLOCK_TICK,
  /** Only the idle terminal's cursor blinked. */
  CURSOR_BLINK;

  /** The label a frame file name carries: {@code 00042-REAL.png}. */
  public static ScenarioLabel ofFileName(String name) {
    return valueOf(name.substring(name.indexOf('-') + 1, name.lastIndexOf('.')));
  }
}

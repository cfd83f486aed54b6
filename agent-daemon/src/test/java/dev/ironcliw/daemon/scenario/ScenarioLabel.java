package dev.ironcliw.daemon.scenario;

/** What a recorded frame shows, decided by the scenario's timeline, and what dedup should do. */
public enum ScenarioLabel {
  /** Identical to the previous frame: must be suppressed. */
  DUPLICATE(false),
  /** A real change (a typed character, scrolled output, a popup, a switch): must go on. */
  REAL(false),
  /** The screen returning to what it showed earlier (popup closed, window switched back). */
  RETURN(false),
  /** Only the clock ticked. */
  CLOCK_TICK(true),
  /** Only the idle terminal's cursor blinked. */
  CURSOR_BLINK(true),
  /** Only the browser's text caret blinked. */
  CARET_BLINK(true),
  /** Only a terminal's spinner turned. */
  SPINNER(true),
  /** Only the video playing in a corner moved (or a spinner beside it turned). */
  VIDEO(true);

  private final boolean minor;

  ScenarioLabel(boolean minor) {
    this.minor = minor;
  }

  /** A minor change: noise the model should not be sent. */
  public boolean minor() {
    return minor;
  }

  /** The label a frame file name carries: {@code 00042-REAL.png}. */
  public static ScenarioLabel ofFileName(String name) {
    return valueOf(name.substring(name.indexOf('-') + 1, name.lastIndexOf('.')));
  }
}

package dev.ironcliw.config;

/**
 * The {@code capture.*} keys.
 *
 * @param source {@code auto}, {@code x11}, {@code synthetic} or {@code replay:DIR}
 * @param displays {@code [all]}, {@code [primary]} or monitor names
 * @param framesPerSecond capture rate
 * @param resolution {@code points} or {@code pixels}
 * @param ringHistory how long the frame ring holds frames at that rate, per display
 * @param replayFast replay without pacing
 * @param replayLoop start the replay over when it ends
 * @param syntheticWidth synthetic desktop width in pixels
 * @param syntheticHeight synthetic desktop height in pixels
 */
public record CaptureSettings(
    String source,
    java.util.List<String> displays,
    double framesPerSecond,
    String resolution,
    java.time.Duration ringHistory,
    boolean replayFast,
    boolean replayLoop,
    int syntheticWidth,
    int syntheticHeight) {

  public CaptureSettings {
    displays = java.util.List.copyOf(displays);
  }
}

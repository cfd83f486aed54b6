package dev.ironcliw.config;

/**
 * The {@code capture.*} keys.
 *
 * @param source {@code auto}, {@code synthetic} or {@code replay:DIR}
 * @param framesPerSecond capture rate
 * @param replayFast replay without pacing
 * @param syntheticWidth synthetic desktop width in pixels
 * @param syntheticHeight synthetic desktop height in pixels
 */
public record CaptureSettings(
    String source,
    double framesPerSecond,
    boolean replayFast,
    int syntheticWidth,
    int syntheticHeight) {}

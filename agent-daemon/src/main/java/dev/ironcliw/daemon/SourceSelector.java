package dev.ironcliw.daemon;

import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.capture.ReplaySource;
import dev.ironcliw.capture.SyntheticDesktop;
import dev.ironcliw.config.CaptureSettings;
import java.nio.file.Path;

/** Turns {@code capture.source} into a source, with the one line that says what was chosen. */
final class SourceSelector {
  /**
   * A chosen source and the line to log about it.
   *
   * @param source the source
   * @param message what was chosen and why
   */
  record Choice(CaptureSource source, String message) {}

  private SourceSelector() {}

  static Choice select(CaptureSettings settings) {
    String spec = settings.source();
    if (spec.startsWith("replay:")) {
      Path dir = Path.of(spec.substring("replay:".length()));
      try {
        ReplaySource replay = ReplaySource.open(dir);
        return new Choice(
            replay,
            "capture: replaying "
                + replay.fileCount()
                + " PNG files from "
                + dir
                + (settings.replayFast()
                    ? " as fast as possible"
                    : " at " + settings.framesPerSecond() + " FPS")
                + (replay.skippedFrames() > 0
                    ? " (" + replay.skippedFrames() + " unreadable skipped)"
                    : ""));
      } catch (IllegalArgumentException e) {
        throw new StartupException(e.getMessage(), ExitCodes.USAGE, e);
      }
    }
    SyntheticDesktop synthetic =
        new SyntheticDesktop(settings.syntheticWidth(), settings.syntheticHeight());
    String size = settings.syntheticWidth() + "x" + settings.syntheticHeight();
    if (spec.equals("synthetic")) {
      return new Choice(synthetic, "capture: synthetic desktop " + size);
    }
    String display = System.getenv("DISPLAY");
    String why =
        display == null || display.isBlank()
            ? "no display available (DISPLAY is not set)"
            : "screen capture is not built yet (X11 and macOS capture come next)";
    return new Choice(synthetic, "capture: " + why + "; using the synthetic desktop " + size);
  }
}

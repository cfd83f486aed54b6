package dev.ironcliw.daemon;

import dev.ironcliw.capture.AccessibleText;
import dev.ironcliw.capture.CaptureResolution;
import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.capture.ReconnectingSource;
import dev.ironcliw.capture.ReplaySource;
import dev.ironcliw.capture.SyntheticDesktop;
import dev.ironcliw.capture.WindowLocator;
import dev.ironcliw.capture.macos.MacCaptureException;
import dev.ironcliw.capture.macos.MacScreenSource;
import dev.ironcliw.capture.x11.X11Exception;
import dev.ironcliw.capture.x11.X11Source;
import dev.ironcliw.capture.x11.X11WindowLocator;
import dev.ironcliw.config.CaptureSettings;
import dev.ironcliw.config.PlatformPaths;
import dev.ironcliw.config.privacy.PrivacySettings;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.lifecycle.StartupException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Turns {@code capture.source} into a source, with the one line that says what was chosen. */
final class SourceSelector {
  /**
   * A chosen source and the line to log about it.
   *
   * @param source the source
   * @param windows where its windows are, for the text reader ({@link WindowLocator#NONE} for a
   *     source without windows)
   * @param accessibleText the focused window's accessibility text, for the text reader ({@link
   *     AccessibleText#NONE} where there is none)
   * @param message what was chosen and why
   */
  public record Choice(
      CaptureSource source, WindowLocator windows, AccessibleText accessibleText, String message) {
    Choice(CaptureSource source, String message) {
      this(source, WindowLocator.NONE, AccessibleText.NONE, message);
    }
  }

  private SourceSelector() {}

  static Choice select(CaptureSettings settings, PrivacySettings privacy) {
    String spec = settings.source();
    if (spec.startsWith("replay:")) {
      Path dir = Path.of(spec.substring("replay:".length()));
      try {
        ReplaySource replay = ReplaySource.open(dir);
        if (settings.replayLoop()) {
          replay.loop();
        }
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
    if (spec.equals("macos") || (spec.equals("auto") && PlatformPaths.isMac())) {
      return macos(settings, privacy);
    }
    String display = System.getenv("DISPLAY");
    boolean haveDisplay = display != null && !display.isBlank();
    if (spec.equals("x11") || (spec.equals("auto") && haveDisplay)) {
      return x11(settings, privacy);
    }
    // Drawn fast, every tick in turn, when asked to replay fast: its frames are a function of time.
    SyntheticDesktop synthetic =
        new SyntheticDesktop(
            settings.syntheticWidth(), settings.syntheticHeight(), !settings.replayFast());
    String size =
        settings.syntheticWidth()
            + "x"
            + settings.syntheticHeight()
            + (settings.replayFast() ? ", drawn as fast as the pipeline goes" : "");
    if (spec.equals("synthetic")) {
      return new Choice(synthetic, "capture: synthetic desktop " + size);
    }
    return new Choice(
        synthetic,
        "capture: no display available (DISPLAY is not set); using the synthetic desktop " + size);
  }

  private static Choice macos(CaptureSettings settings, PrivacySettings privacy) {
    try {
      MacScreenSource source =
          MacScreenSource.open(
              settings.displays(),
              CaptureResolution.of(settings.resolution()),
              settings.framesPerSecond(),
              privacy.excludeApps(),
              privacy.excludeTitles());
      return new Choice(
          source,
          source.windowLocator(),
          source.accessibleText(),
          "capture: "
              + source.name()
              + " displays "
              + source.displays()
              + " at "
              + source.resolution());
    } catch (MacCaptureException e) {
      throw new StartupException(e.getMessage(), ExitCodes.FAILURE, e);
    }
  }

  private static Choice x11(CaptureSettings settings, PrivacySettings privacy) {
    try {
      CaptureResolution resolution = CaptureResolution.of(settings.resolution());
      Supplier<CaptureSource> opener =
          () ->
              X11Source.open(
                  null,
                  settings.displays(),
                  true,
                  privacy.excludeApps(),
                  privacy.excludeTitles(),
                  resolution);
      CaptureSource source = opener.get();
      return new Choice(
          new ReconnectingSource(source, opener, System::nanoTime),
          new X11WindowLocator(
              null,
              settings.displays(),
              privacy.excludeApps(),
              privacy.excludeTitles(),
              resolution),
          AccessibleText.NONE,
          "capture: "
              + source.name()
              + " displays "
              + source.displays()
              + " by "
              + source.grabMethod()
              + ", "
              + source.maxWidth()
              + "x"
              + source.maxHeight()
              + " at "
              + source.resolution()
              + " (the cursor is not in X11 grabs)");
    } catch (X11Exception e) {
      throw new StartupException(e.getMessage(), ExitCodes.FAILURE, e);
    }
  }
}

package dev.ironcliw.daemon.insight;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises a desktop notification: {@code notify-send} on Linux, {@code osascript} on macOS. The text
 * goes as arguments, never through a shell or into a script, so nothing in it is executed. It is
 * shown as plain text: markup for notify-send's server ({@code <a href>}) is escaped, and a URL's
 * {@code ://} is broken with a zero-width space, so that a link in a model's suggestion is never
 * made clickable.
 */
public final class DesktopNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(DesktopNotifier.class);
  private static final long TIMEOUT_SECONDS = 5;

  private final boolean macOs =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
  private boolean failureLogged;
  private volatile long raised;

  /** The command that shows {@code title} and {@code body}, both as plain text. */
  List<String> command(String title, String body) {
    if (macOs) {
      title = unlinked(title);
      body = unlinked(body);
      return List.of(
          "osascript",
          "-e",
          "on run argv",
          "-e",
          "display notification (item 2 of argv) with title (item 1 of argv)",
          "-e",
          "end run",
          title,
          body);
    }
    return List.of("notify-send", "--app-name=Ironcliw", plainText(title), plainText(body));
  }

  /**
   * {@code text} with no markup a notification server renders (notify-send's body may hold some)
   * and no link it makes clickable.
   */
  static String plainText(String text) {
    return unlinked(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
  }

  /** {@code text} with every URL's {@code ://} broken by a zero-width space. */
  static String unlinked(String text) {
    return text.replace("://", ":\u200B//");
  }

  /** Shows the notification; a failure is logged once and otherwise ignored. */
  void notify(String title, String body) {
    try {
      Process process =
          new ProcessBuilder(command(title, body))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        logOnce("timed out");
      } else if (process.exitValue() != 0) {
        logOnce("exited with " + process.exitValue());
      } else {
        raised = raised + 1;
      }
    } catch (IOException e) {
      logOnce(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void logOnce(String what) {
    if (!failureLogged) {
      failureLogged = true;
      LOG.warn(
          "notices: the desktop notification command {} failed ({}); notices still reach"
              + " /api/v1/stream",
          command("", "").getFirst(),
          what);
    }
  }

  long raised() {
    return raised;
  }
}

package dev.ironcliw.daemon.cli;

import dev.ironcliw.daemon.lifecycle.ExitCodes;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code ironcliw open [--print-url] [OPTIONS]}: opens the timeline page in the default browser,
 * signed in. The daemon (once it proved it holds the token) makes a one-time code good for a
 * minute; the browser trades it for a session cookie. The token itself never reaches the browser.
 */
public final class OpenCommand {
  private static final long BROWSER_START_SECONDS = 10;

  private OpenCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    List<String> runOptions = new ArrayList<>(args);
    boolean printOnly = runOptions.remove("--print-url");
    LocalDaemon.Asked asked = LocalDaemon.ask(runOptions, "/api/v1/signin/code", "POST", err);
    HttpResponse<String> reply = asked.reply();
    if (reply == null) {
      return asked.failure();
    }
    String where = asked.daemon().where();
    String url;
    try {
      url = reply.statusCode() == 200 ? new JsonObject(reply.body()).getString("url") : null;
    } catch (DecodeException e) {
      url = null;
    }
    if (url == null) {
      err.println(
          "ironcliw: error: the daemon on "
              + where
              + " gave no sign-in code: HTTP "
              + reply.statusCode());
      return ExitCodes.FAILURE;
    }
    if (printOnly) {
      out.println(url);
      return ExitCodes.OK;
    }
    String failure = openInBrowser(url);
    if (failure != null) {
      err.println(
          "ironcliw: could not open a browser (" + failure + "); open this within a minute:");
      out.println(url);
      return ExitCodes.OK;
    }
    out.println(
        "ironcliw: opened the timeline in your browser (the link works once, for a minute)");
    return ExitCodes.OK;
  }

  /** Opens {@code url} with the platform's opener; null when it did, else why not. */
  private static String openInBrowser(String url) {
    boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    List<String> command = List.of(mac ? "open" : "xdg-open", url);
    try {
      Process opener =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!opener.waitFor(BROWSER_START_SECONDS, TimeUnit.SECONDS)) {
        return null; // still starting the browser: it has the URL
      }
      return opener.exitValue() == 0
          ? null
          : command.getFirst() + " exited with " + opener.exitValue();
    } catch (IOException e) {
      return command.getFirst() + " is not available";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}

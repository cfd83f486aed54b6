package dev.ironcliw.daemon.cli;

import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.schema.Units;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.search.SnippetText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ironcliw search WORDS [--since 2h] [--app NAME] [--limit N] [RUN OPTIONS]}: the running
 * daemon's screen-text search, a line per hit, best first: when, the application, the window and
 * the text around the matches (marked with brackets). It finds the daemon as {@code status} does,
 * and sends the token only once the daemon proved it holds it.
 */
public final class SearchCommand {
  private static final Set<String> RUN_OPTIONS_WITH_VALUES =
      Set.of("--config", "--data-dir", "--source", "--fps", "--port");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private SearchCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    List<String> words = new ArrayList<>();
    List<String> runOptions = new ArrayList<>();
    Duration since = null;
    String app = null;
    int limit = 20;
    try {
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--since" -> since = Units.parseDuration(value(args, ++i, arg));
          case "--app" -> app = value(args, ++i, arg);
          case "--limit" -> limit = limit(value(args, ++i, arg));
          default -> {
            if (RUN_OPTIONS_WITH_VALUES.contains(arg)) {
              runOptions.add(arg);
              runOptions.add(value(args, ++i, arg));
            } else if (arg.startsWith("--")) {
              runOptions.add(arg);
            } else {
              words.add(arg);
            }
          }
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("ironcliw: error: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (words.isEmpty()) {
      err.println("ironcliw: error: search needs the WORDS to find");
      err.print(CommandLine.USAGE);
      return ExitCodes.USAGE;
    }
    RunSelection selection = RunSelection.select(runOptions, ConfigLoader.forThisMachine(), err);
    if (selection == null) {
      return ExitCodes.USAGE;
    }
    LocalDaemon daemon = LocalDaemon.of(selection.config());
    String token = daemon.readToken(err, " (is the daemon running with this data dir?)");
    if (token == null) {
      return ExitCodes.FAILURE;
    }
    String path =
        "/api/v1/search?limit="
            + limit
            + "&q="
            + encode(String.join(" ", words))
            + (since == null ? "" : "&from=" + Instant.now().minus(since))
            + (app == null ? "" : "&app=" + encode(app));
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(LocalDaemon.TIMEOUT).build()) {
      HttpResponse<String> reply = daemon.sendProven(http, token, path, "GET", err);
      if (reply == null) {
        return ExitCodes.FAILURE;
      }
      JsonObject body = new JsonObject(reply.body());
      if (reply.statusCode() != 200) {
        JsonObject error = body.getJsonObject("error", new JsonObject());
        err.println("ironcliw: error: " + error.getString("message", "HTTP " + reply.statusCode()));
        return reply.statusCode() == 400 ? ExitCodes.USAGE : ExitCodes.FAILURE;
      }
      JsonArray results = body.getJsonArray("results");
      if (results.isEmpty()) {
        out.println("no matches");
      }
      for (int i = 0; i < results.size(); i++) {
        out.println(line(results.getJsonObject(i)));
      }
      return ExitCodes.OK;
    } catch (ConnectException e) {
      err.println(
          "ironcliw: error: no daemon answers on "
              + daemon.where()
              + "; start it with ironcliw run");
      return ExitCodes.FAILURE;
    } catch (IOException e) {
      err.println(
          "ironcliw: error: asking the daemon on " + daemon.where() + " failed: " + e.getMessage());
      return ExitCodes.FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILURE;
    }
  }

  /** {@code time app window snippet}, the matches in brackets, on one line. */
  static String line(JsonObject hit) {
    String snippet =
        SnippetText.plain(hit.getString("snippet", ""), "[", "]").replaceAll("\\s+", " ").strip();
    return String.join(
        "  ",
        WHEN.format(Instant.parse(hit.getString("firstSeen"))),
        hit.getString("app", "").isEmpty() ? "-" : hit.getString("app"),
        hit.getString("window", "").isEmpty() ? "-" : hit.getString("window"),
        snippet);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }

  private static int limit(String text) {
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= 100) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException("--limit " + text + " is not a whole number from 1 to 100");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}

package dev.ironcliw.daemon.cli;

import dev.ironcliw.daemon.lifecycle.ExitCodes;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ironcliw forget --last 10m | --from TIME --to TIME | --app NAME [RUN OPTIONS]}: the
 * running daemon forgets that span of the history, or that application's part of it, from every
 * store ({@code DELETE /api/v1/history}), and says what went.
 */
public final class ForgetCommand {
  private static final Set<String> SPAN_OPTIONS = Set.of("--last", "--from", "--to", "--app");

  private ForgetCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    StringBuilder query = new StringBuilder();
    List<String> runOptions = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (SPAN_OPTIONS.contains(arg)) {
        if (i + 1 >= args.size()) {
          err.println("ironcliw: error: " + arg + " needs a value");
          return ExitCodes.USAGE;
        }
        query
            .append(query.isEmpty() ? "?" : "&")
            .append(arg.substring(2))
            .append('=')
            .append(URLEncoder.encode(args.get(++i), StandardCharsets.UTF_8));
      } else {
        runOptions.add(arg);
      }
    }
    if (query.isEmpty()) {
      err.println(
          "ironcliw: error: forget needs what to forget: --last 10m, --from TIME --to TIME, or"
              + " --app NAME");
      err.print(CommandLine.USAGE);
      return ExitCodes.USAGE;
    }
    LocalDaemon.Asked asked = LocalDaemon.ask(runOptions, "/api/v1/history" + query, "DELETE", err);
    JsonObject body = asked.answer(err);
    if (body == null) {
      return asked.failureStatus();
    }
    out.println(
        "ironcliw: forgot "
            + body.getString("from")
            + " to "
            + body.getString("to")
            + (body.getString("app") == null ? "" : " of " + body.getString("app"))
            + ": "
            + body.getLong("frames")
            + " frames, "
            + body.getLong("dataKeys")
            + " data keys destroyed, "
            + body.getLong("indexDocuments")
            + " index documents, "
            + body.getLong("ringFrames")
            + " frames wiped from the ring");
    return ExitCodes.OK;
  }
}

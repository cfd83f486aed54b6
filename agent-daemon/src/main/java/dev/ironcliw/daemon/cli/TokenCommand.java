package dev.ironcliw.daemon.cli;

import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.daemon.api.ApiToken;
import dev.ironcliw.daemon.lifecycle.DataDirectory;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ironcliw token rotate [RUN OPTIONS]}: a new API token, for a token that may have leaked. A
 * running daemon makes it itself (after proving it holds the old one), so it takes over at once;
 * with no daemon running, the token file is rewritten and the next start uses it. The token is
 * never printed.
 */
public final class TokenCommand {
  private TokenCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (!CommandLine.startsWithSubcommand(args, "token", "rotate", err)) {
      return ExitCodes.USAGE;
    }
    RunSelection selection =
        RunSelection.select(args.subList(1, args.size()), ConfigLoader.forThisMachine(), err);
    if (selection == null) {
      return ExitCodes.USAGE;
    }
    IroncliwConfig config = selection.config();
    LocalDaemon daemon = LocalDaemon.of(config);
    String where = daemon.where();
    Path tokenFile = daemon.tokenFile();
    String token = daemon.readToken(err, " to rotate");
    if (token == null) {
      return ExitCodes.FAILURE;
    }
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(LocalDaemon.TIMEOUT).build()) {
      HttpResponse<String> reply =
          daemon.sendProven(http, token, "/api/v1/token/rotate", "POST", err);
      if (reply == null) {
        return ExitCodes.FAILURE;
      }
      if (reply.statusCode() != 200) {
        err.println(
            "ironcliw: error: the daemon on "
                + where
                + " did not rotate the token: HTTP "
                + reply.statusCode());
        return ExitCodes.FAILURE;
      }
      out.println("ironcliw: the daemon on " + where + " took a new token, in " + tokenFile);
      return ExitCodes.OK;
    } catch (ConnectException e) {
      return rotateFile(tokenFile, config.dataDir(), where, out, err);
    } catch (IOException e) {
      err.println("ironcliw: error: asking the daemon on " + where + " failed: " + e.getMessage());
      return ExitCodes.FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILURE;
    }
  }

  /** No daemon answers: rewrites the file, unless a daemon holds the data dir elsewhere. */
  private static int rotateFile(
      Path tokenFile, Path dataDir, String where, PrintStream out, PrintStream err) {
    if (DataDirectory.isHeld(dataDir)) {
      err.println(
          "ironcliw: error: a daemon holds "
              + dataDir
              + " but does not answer on "
              + where
              + "; give the --port it runs with");
      return ExitCodes.FAILURE;
    }
    try {
      ApiToken.writeNew(tokenFile);
    } catch (IOException e) {
      err.println("ironcliw: error: cannot write " + tokenFile + ": " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    out.println(
        "ironcliw: no daemon runs; wrote a new token to " + tokenFile + " for the next start");
    return ExitCodes.OK;
  }
}

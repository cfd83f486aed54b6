package dev.ironcliw.daemon.cli;

import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.daemon.api.ApiToken;
import dev.ironcliw.daemon.lifecycle.DataDirectory;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code ironcliw token rotate [RUN OPTIONS]}: a new API token, for a token that may have leaked. A
 * running daemon makes it itself (after proving it holds the old one), so it takes over at once;
 * with no daemon running, the token file is rewritten and the next start uses it. The token is
 * never printed.
 */
public final class TokenCommand {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private TokenCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || !args.getFirst().equals("rotate")) {
      err.println(
          "ironcliw: error: "
              + (args.isEmpty()
                  ? "token needs a command: rotate"
                  : "unknown token command " + args.getFirst()));
      err.print(CommandLine.USAGE);
      return ExitCodes.USAGE;
    }
    RunSelection selection =
        RunSelection.select(args.subList(1, args.size()), ConfigLoader.forThisMachine(), err);
    if (selection == null) {
      return ExitCodes.USAGE;
    }
    IroncliwConfig config = selection.config();
    Path tokenFile = config.dataDir().resolve("api-token");
    String token;
    try {
      token = Files.readString(tokenFile, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      err.println("ironcliw: error: no API token at " + tokenFile + " to rotate");
      return ExitCodes.FAILURE;
    } catch (IOException e) {
      err.println(
          "ironcliw: error: cannot read the API token " + tokenFile + ": " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    String where =
        StatusCommand.connectHost(config.api().bindAddress()) + ":" + config.api().port();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      String refusal =
          DaemonProof.check(http, where, config.api().port(), token, tokenFile, TIMEOUT);
      if (refusal != null) {
        err.println("ironcliw: error: " + refusal);
        return ExitCodes.FAILURE;
      }
      HttpResponse<String> reply =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + where + "/api/v1/token/rotate"))
                  .timeout(TIMEOUT)
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
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

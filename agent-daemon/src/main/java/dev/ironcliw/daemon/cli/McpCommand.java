package dev.ironcliw.daemon.cli;

import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.mcp.DaemonApiException;
import dev.ironcliw.daemon.mcp.HttpDaemonApi;
import dev.ironcliw.daemon.mcp.StdioMcpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * {@code ironcliw mcp [RUN OPTIONS]}: an MCP server over standard input and output for AI
 * assistants, asking the running daemon that {@code status} with the same options would ask. Before
 * each call it asks the server to prove it holds the token ({@link DaemonProof}) and sends the
 * token only then, so a listener that took the port while the daemon was down never sees it; the
 * token is read at each call, so a rotation is followed. It serves until the client closes its end;
 * the daemon may start and stop meanwhile (a call then answers a tool error that says so).
 */
public final class McpCommand {
  private McpCommand() {}

  public static int run(List<String> args, PrintStream err) {
    RunSelection selection = RunSelection.select(args, ConfigLoader.forThisMachine(), err);
    if (selection == null) {
      return ExitCodes.USAGE;
    }
    LocalDaemon daemon = LocalDaemon.of(selection.config());
    try (HttpDaemonApi api = new HttpDaemonApi(daemon.where(), http -> provenToken(daemon, http))) {
      StdioMcpServer.serve(
          api,
          version(),
          System.in,
          System.out,
          () ->
              err.println(
                  "ironcliw mcp: serving on stdin/stdout, "
                      + ManagementFactory.getRuntimeMXBean().getUptime()
                      + " ms after the JVM started; the daemon asked is the one on "
                      + daemon.where()));
      return ExitCodes.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILURE;
    }
  }

  /** The token, once the server at the daemon's address proved it holds it. */
  private static String provenToken(LocalDaemon daemon, java.net.http.HttpClient http)
      throws IOException, InterruptedException {
    String token;
    try {
      token = Files.readString(daemon.tokenFile(), StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      throw new DaemonApiException(
          0,
          "There is no API token at "
              + daemon.tokenFile()
              + ": the daemon has not run with this data dir; start it with `ironcliw run`.");
    }
    String refusal =
        DaemonProof.check(
            http, daemon.where(), daemon.port(), token, daemon.tokenFile(), LocalDaemon.TIMEOUT);
    if (refusal != null) {
      throw new DaemonApiException(0, refusal);
    }
    return token;
  }

  private static String version() {
    String version = McpCommand.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}

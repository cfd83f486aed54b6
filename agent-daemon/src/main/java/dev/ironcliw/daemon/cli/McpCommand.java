package dev.ironcliw.daemon.cli;

import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.mcp.StdioMcpServer;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * {@code ironcliw mcp [RUN OPTIONS]}: an MCP server over standard input and output for AI
 * assistants, asking the running daemon that {@code status} with the same options would ask. It
 * serves until the client closes its end; the daemon may start and stop meanwhile (a call then
 * answers a tool error that says so).
 */
public final class McpCommand {
  private McpCommand() {}

  public static int run(List<String> args, PrintStream err) {
    RunSelection selection = RunSelection.select(args, ConfigLoader.forThisMachine(), err);
    if (selection == null) {
      return ExitCodes.USAGE;
    }
    LocalDaemon daemon = LocalDaemon.of(selection.config());
    try (ProvenDaemonApi api = new ProvenDaemonApi(daemon)) {
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

  private static String version() {
    String version = McpCommand.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}

package dev.ironcliw.daemon.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code run} options: {@code --config FILE} picks the file, the others override its keys.
 *
 * @param configFile the file given with --config, or null for the default location
 * @param overrides dotted config key to raw value
 */
public record CommandLine(Path configFile, Map<String, String> overrides) {
  public static final String USAGE =
      """
      usage: ironcliw run [--config FILE] [--data-dir DIR] [--source auto|synthetic|replay:DIR]
                          [--fps N] [--port N] [--replay-fast]
             ironcliw status [--config FILE] [--data-dir DIR] [--port N]
                                             the running daemon's status, readable
             ironcliw service install [RUN OPTIONS]
                                             run the daemon as a user service (systemd user
                                             unit on Linux, launchd LaunchAgent on macOS)
             ironcliw service uninstall      stop and remove that service
             ironcliw token rotate [OPTIONS] a new API token (the running daemon's, at once)
             ironcliw search WORDS [--since 2h] [--app NAME] [--limit N] [OPTIONS]
                                             search the screen text, a line per hit
             ironcliw mcp [OPTIONS]          an MCP server on stdin/stdout for AI assistants
                                             (Claude, Cursor): search, frames, activity
             ironcliw open [--print-url] [OPTIONS]
                                             the timeline page in the browser, signed in
                                             (--print-url: print the one-time link instead)
             ironcliw index rebuild [OPTIONS]
                                             throw the text index away; the next start builds
                                             it again from the journal
             ironcliw forget --last 10m | --from T --to T | --app NAME [OPTIONS]
                                             the running daemon forgets that span (or app)
                                             from every store
             ironcliw key rotate [OPTIONS]   a new master key for the encrypted history, the
                                             data keys wrapped under it (by the daemon
                                             when one runs)
             ironcliw config defaults        print the complete default configuration
             ironcliw config check FILE      validate a configuration file
             ironcliw config heap [OPTIONS]  print memory.budgets.heap in MiB, as run would use it
             ironcliw bench --list | NAME [ARGS]
                                             list or run the benchmarks (BENCHMARKS.md)
      """;

  private static final Map<String, String> VALUE_OPTIONS =
      Map.of(
          "--data-dir", "dataDir",
          "--source", "capture.source",
          "--fps", "capture.fps",
          "--port", "api.port");

  public CommandLine {
    overrides = Map.copyOf(overrides);
  }

  /**
   * Whether {@code args} start with {@code command}'s only subcommand {@code sub}; when not, says
   * so on {@code err} with the usage.
   */
  static boolean startsWithSubcommand(
      List<String> args, String command, String sub, java.io.PrintStream err) {
    if (!args.isEmpty() && args.getFirst().equals(sub)) {
      return true;
    }
    err.println(
        "ironcliw: error: "
            + (args.isEmpty()
                ? command + " needs a command: " + sub
                : "unknown " + command + " command " + args.getFirst()));
    err.print(USAGE);
    return false;
  }

  /**
   * @throws IllegalArgumentException naming the bad option
   */
  static CommandLine parse(List<String> args) {
    Path config = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (name.equals("--replay-fast")) {
        overrides.put("capture.replayFast", "true");
        continue;
      }
      if (!name.equals("--config") && !VALUE_OPTIONS.containsKey(name)) {
        throw new IllegalArgumentException("unknown option " + arg);
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException("option " + name + " needs a value");
        }
        value = args.get(++i);
      }
      if (name.equals("--config")) {
        config = Path.of(value);
      } else {
        overrides.put(VALUE_OPTIONS.get(name), value);
      }
    }
    return new CommandLine(config, overrides);
  }

  /**
   * The options again, as {@code run} takes them, with the config file and data dir made absolute:
   * for a service, which starts in another working directory.
   */
  List<String> toAbsoluteArgs() {
    List<String> args = new java.util.ArrayList<>();
    if (configFile != null) {
      args.addAll(List.of("--config", configFile.toAbsolutePath().normalize().toString()));
    }
    for (String option : List.of("--data-dir", "--source", "--fps", "--port")) {
      String value = overrides.get(VALUE_OPTIONS.get(option));
      if (value != null) {
        boolean path = option.equals("--data-dir");
        args.addAll(
            List.of(option, path ? Path.of(value).toAbsolutePath().normalize().toString() : value));
      }
    }
    if ("true".equals(overrides.get("capture.replayFast"))) {
      args.add("--replay-fast");
    }
    return args;
  }
}

package dev.ironcliw.daemon.cli;

import dev.ironcliw.config.ConfigException;
import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.DefaultConfigFile;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.config.PlatformPaths;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code ironcliw config defaults | check FILE | heap [RUN OPTIONS]}. */
public final class ConfigCommand {
  private ConfigCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.size() == 1 && args.getFirst().equals("defaults")) {
      out.print(DefaultConfigFile.render());
      return ExitCodes.OK;
    }
    if (!args.isEmpty() && args.getFirst().equals("heap")) {
      return heap(args.subList(1, args.size()), out, err);
    }
    if (args.size() == 2 && args.getFirst().equals("check")) {
      Path file = Path.of(args.get(1));
      try {
        ConfigLoader.forThisMachine().load(file, true, Map.of());
        out.println(file + ": valid");
        return ExitCodes.OK;
      } catch (ConfigException e) {
        RunSelection.printProblems(file.toString(), e, err);
        return ExitCodes.USAGE;
      }
    }
    err.println("ironcliw: error: " + misuse(args));
    err.print(CommandLine.USAGE);
    return ExitCodes.USAGE;
  }

  /** What is wrong with {@code config} and these arguments, in one line. */
  private static String misuse(List<String> args) {
    if (args.isEmpty()) {
      return "config needs a command: defaults, check FILE or heap [RUN OPTIONS]";
    }
    return switch (args.getFirst()) {
      case "check" ->
          args.size() == 1
              ? "config check needs the FILE to check"
              : "config check takes one FILE, not " + (args.size() - 1);
      case "defaults" -> "config defaults takes no arguments";
      default -> "unknown config command " + args.getFirst();
    };
  }

  /**
   * Prints memory.budgets.heap in MiB for the configuration that {@code run} with the same options
   * would load: the launcher passes it to the JVM as -Xmx.
   */
  private static int heap(List<String> runArgs, PrintStream out, PrintStream err) {
    try {
      CommandLine commandLine = CommandLine.parse(runArgs);
      boolean explicit = commandLine.configFile() != null;
      Path file = explicit ? commandLine.configFile() : PlatformPaths.defaultConfigFile();
      IroncliwConfig config =
          ConfigLoader.forThisMachine().load(file, explicit, commandLine.overrides());
      out.println(config.memory().heapBytes() >> 20);
      return ExitCodes.OK;
    } catch (IllegalArgumentException | ConfigException e) {
      err.println("ironcliw: error: " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }
}

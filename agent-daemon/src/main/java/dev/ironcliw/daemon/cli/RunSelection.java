package dev.ironcliw.daemon.cli;

import dev.ironcliw.config.ConfigException;
import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.ConfigProblem;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.config.PlatformPaths;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code run}'s options and the configuration file and configuration they select, as {@code run},
 * {@code status} and {@code service install} all find them.
 */
public record RunSelection(CommandLine commandLine, Path configFile, IroncliwConfig config) {
  /**
   * Parses {@code run}'s options and loads the configuration they select; null after printing why
   * not (a usage or configuration error).
   */
  public static RunSelection select(List<String> args, ConfigLoader loader, PrintStream err) {
    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("ironcliw: error: " + e.getMessage());
      err.print(CommandLine.USAGE);
      return null;
    }
    boolean explicit = commandLine.configFile() != null;
    Path configFile = explicit ? commandLine.configFile() : PlatformPaths.defaultConfigFile();
    try {
      return new RunSelection(
          commandLine, configFile, loader.load(configFile, explicit, commandLine.overrides()));
    } catch (ConfigException e) {
      printProblems(configFile.toString(), e, err);
      return null;
    }
  }

  /** One line per problem of {@code file}. */
  static void printProblems(String file, ConfigException e, PrintStream err) {
    for (ConfigProblem problem : e.problems()) {
      err.println("ironcliw: error: " + file + ": " + problem);
    }
  }
}

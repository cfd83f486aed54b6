package dev.ironcliw.daemon.cli;

import dev.ironcliw.config.ConfigException;
import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.ConfigProblem;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.config.PlatformPaths;
import dev.ironcliw.daemon.lifecycle.DataDirectory;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code run}'s options and the configuration file and configuration they select, as {@code run},
 * {@code status} and {@code service install} all find them.
 */
public record RunSelection(CommandLine commandLine, Path configFile, IroncliwConfig config) {
  /**
   * What {@link #offline} found: the selection, or null with the exit status of why not (already
   * told on stderr).
   */
  record Offline(RunSelection selection, int failure) {}

  /**
   * For {@code command sub [RUN OPTIONS]}, a command that needs the data dir to itself: the
   * selection its options make, once no daemon holds that data dir.
   *
   * @param then what to do once the daemon is stopped, for the refusal: "then rebuild (...)"
   */
  static Offline offline(
      List<String> args, String command, String sub, String then, PrintStream err) {
    RunSelection selection = ofSubcommand(args, command, sub, err);
    if (selection == null) {
      return new Offline(null, ExitCodes.USAGE);
    }
    Path dataDir = selection.config().dataDir();
    if (DataDirectory.isHeld(dataDir)) {
      err.println("ironcliw: error: a daemon runs on " + dataDir + "; stop it first, " + then);
      return new Offline(null, ExitCodes.FAILURE);
    }
    return new Offline(selection, ExitCodes.OK);
  }

  /**
   * For {@code command sub [RUN OPTIONS]} ({@code args} from {@code sub} on): the selection its
   * options make; null after printing why not (a usage or configuration error).
   */
  static RunSelection ofSubcommand(List<String> args, String command, String sub, PrintStream err) {
    if (!CommandLine.startsWithSubcommand(args, command, sub, err)) {
      return null;
    }
    return select(args.subList(1, args.size()), ConfigLoader.forThisMachine(), err);
  }

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

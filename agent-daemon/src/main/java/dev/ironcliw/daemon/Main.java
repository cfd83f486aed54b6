package dev.ironcliw.daemon;

import dev.ironcliw.config.ConfigException;
import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.ConfigProblem;
import dev.ironcliw.config.ConfigWatcher;
import dev.ironcliw.config.DefaultConfigFile;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.config.PlatformPaths;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ironcliw} command: {@code run}, {@code status}, {@code service}, {@code config
 * defaults}, {@code config check}, {@code config heap}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int status = run(Arrays.asList(args), System.out, System.err);
    if (status != ExitCodes.OK || args.length == 0 || !args[0].equals("run")) {
      System.exit(status);
    }
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.getFirst().equals("--help") || args.getFirst().equals("help")) {
      out.print(CommandLine.USAGE);
      return args.isEmpty() ? ExitCodes.USAGE : ExitCodes.OK;
    }
    return switch (args.getFirst()) {
      case "run" -> runDaemon(args.subList(1, args.size()), err);
      case "config" -> config(args.subList(1, args.size()), out, err);
      case "status" -> StatusCommand.run(args.subList(1, args.size()), out, err);
      case "service" -> ServiceCommand.run(args.subList(1, args.size()), out, err);
      default -> {
        err.println("ironcliw: error: unknown command " + args.getFirst());
        err.print(CommandLine.USAGE);
        yield ExitCodes.USAGE;
      }
    };
  }

  private static int config(List<String> args, PrintStream out, PrintStream err) {
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
        printProblems(file.toString(), e, err);
        return ExitCodes.USAGE;
      }
    }
    err.print(CommandLine.USAGE);
    return ExitCodes.USAGE;
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

  private static void printProblems(String file, ConfigException e, PrintStream err) {
    for (ConfigProblem problem : e.problems()) {
      err.println("ironcliw: error: " + file + ": " + problem);
    }
  }

  /** {@code run}'s options and the configuration file and configuration they select. */
  record Selection(CommandLine commandLine, Path configFile, IroncliwConfig config) {}

  /**
   * Parses {@code run}'s options and loads the configuration they select, as {@code run} and {@code
   * status} both do; null after printing why not (a usage or configuration error).
   */
  static Selection select(List<String> args, ConfigLoader loader, PrintStream err) {
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
      return new Selection(
          commandLine, configFile, loader.load(configFile, explicit, commandLine.overrides()));
    } catch (ConfigException e) {
      printProblems(configFile.toString(), e, err);
      return null;
    }
  }

  private static int runDaemon(List<String> args, PrintStream err) {
    ConfigLoader loader = ConfigLoader.forThisMachine();
    Selection selection = select(args, loader, err);
    if (selection == null) {
      return ExitCodes.USAGE;
    }
    CommandLine commandLine = selection.commandLine();
    Path configFile = selection.configFile();
    IroncliwConfig config = selection.config();
    Logger log = LoggerFactory.getLogger(Main.class);
    log.info(
        "config: {}{}",
        configFile,
        java.nio.file.Files.exists(configFile) ? "" : " (not present: defaults in use)");
    ConfigWatcher watcher =
        new ConfigWatcher(
            configFile, loader, commandLine.overrides(), config, Duration.ofSeconds(1));
    Daemon daemon;
    try {
      daemon = Daemon.start(watcher);
    } catch (StartupException e) {
      err.println("ironcliw: error: " + e.getMessage());
      return e.exitCode();
    }
    watcher.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stop =
        () -> {
          watcher.close();
          daemon.stop();
          stopped.countDown();
        };
    ShutdownSignals.install(
        () -> {
          log.info("signal received: stopping");
          stop.run();
          System.exit(ExitCodes.OK);
        });
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "shutdown-hook"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }
}

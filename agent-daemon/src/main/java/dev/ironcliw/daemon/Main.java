package dev.ironcliw.daemon;

import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.ConfigWatcher;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.daemon.cli.CommandLine;
import dev.ironcliw.daemon.cli.ConfigCommand;
import dev.ironcliw.daemon.cli.ForgetCommand;
import dev.ironcliw.daemon.cli.IndexCommand;
import dev.ironcliw.daemon.cli.KeyRotateCommand;
import dev.ironcliw.daemon.cli.McpCommand;
import dev.ironcliw.daemon.cli.OpenCommand;
import dev.ironcliw.daemon.cli.RunSelection;
import dev.ironcliw.daemon.cli.SearchCommand;
import dev.ironcliw.daemon.cli.ServiceCommand;
import dev.ironcliw.daemon.cli.StatusCommand;
import dev.ironcliw.daemon.cli.TokenCommand;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.lifecycle.StartupException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ironcliw} command: {@code run}, {@code status}, {@code service}, {@code config
 * defaults}, {@code config check}, {@code config heap}. ({@code bench} is the launcher's.)
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
      case "config" -> ConfigCommand.run(args.subList(1, args.size()), out, err);
      case "status" -> StatusCommand.run(args.subList(1, args.size()), out, err);
      case "service" -> ServiceCommand.run(args.subList(1, args.size()), out, err);
      case "token" -> TokenCommand.run(args.subList(1, args.size()), out, err);
      case "search" -> SearchCommand.run(args.subList(1, args.size()), out, err);
      case "index" -> IndexCommand.run(args.subList(1, args.size()), out, err);
      case "key" -> KeyRotateCommand.run(args.subList(1, args.size()), out, err);
      case "forget" -> ForgetCommand.run(args.subList(1, args.size()), out, err);
      case "mcp" -> McpCommand.run(args.subList(1, args.size()), err);
      case "open" -> OpenCommand.run(args.subList(1, args.size()), out, err);
      case "bench" -> {
        // The launcher runs the benchmarks' jar itself; this JVM has only the daemon.
        err.println("ironcliw: error: run the benchmarks through the launcher: ./ironcliw bench");
        yield ExitCodes.USAGE;
      }
      default -> {
        err.println("ironcliw: error: unknown command " + args.getFirst());
        err.print(CommandLine.USAGE);
        yield ExitCodes.USAGE;
      }
    };
  }

  private static int runDaemon(List<String> args, PrintStream err) {
    ConfigLoader loader = ConfigLoader.forThisMachine();
    RunSelection selection = RunSelection.select(args, loader, err);
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
    // The signals are ours before the daemon answers: a stop asked for the moment it is ready
    // (a service manager's, a test's) waits for the start, then stops it and exits 0.
    CompletableFuture<Daemon> started = new CompletableFuture<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stop =
        () -> {
          Daemon running;
          try {
            running = started.join();
          } catch (CompletionException notStarted) {
            return; // the start failed, and said why
          }
          watcher.close();
          running.stop();
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
      started.complete(Daemon.start(watcher));
    } catch (StartupException e) {
      started.completeExceptionally(e);
      err.println("ironcliw: error: " + e.getMessage());
      return e.exitCode();
    } catch (RuntimeException | Error e) {
      started.completeExceptionally(e);
      throw e;
    }
    watcher.start();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }
}

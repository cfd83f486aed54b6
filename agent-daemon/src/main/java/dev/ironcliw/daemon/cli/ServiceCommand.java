package dev.ironcliw.daemon.cli;

import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.PlatformPaths;
import dev.ironcliw.daemon.cli.service.LaunchAgent;
import dev.ironcliw.daemon.cli.service.ServiceDefinition;
import dev.ironcliw.daemon.cli.service.ServicePlatform;
import dev.ironcliw.daemon.cli.service.SystemdUserUnit;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ironcliw service install [RUN OPTIONS]} and {@code ironcliw service uninstall}: the daemon
 * as a per-user service, a systemd user unit on Linux or a launchd LaunchAgent on macOS. Install
 * checks the options and the config as {@code run} would, writes the service file and loads it;
 * uninstall unloads it and removes the file.
 */
public final class ServiceCommand {
  /** Set by the launcher to its own path: the service runs the daemon through it. */
  static final String LAUNCHER_PROPERTY = "ironcliw.launcher";

  /** How long systemctl or launchctl may take before it is given up on and killed. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private ServiceCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    Path home = Path.of(System.getProperty("user.home"));
    ServicePlatform platform =
        PlatformPaths.isMac()
            ? new LaunchAgent(
                home, new com.sun.security.auth.module.UnixSystem().getUid(), "launchctl")
            : SystemdUserUnit.forUser(System.getenv(), home);
    return run(args, platform, System.getenv(), out, err);
  }

  static int run(
      List<String> args,
      ServicePlatform platform,
      Map<String, String> env,
      PrintStream out,
      PrintStream err) {
    return run(args, platform, env, out, err, COMMAND_TIMEOUT);
  }

  /**
   * @param commandTimeout how long each systemctl or launchctl call may take
   */
  static int run(
      List<String> args,
      ServicePlatform platform,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      Duration commandTimeout) {
    if (args.isEmpty()) {
      err.print(CommandLine.USAGE);
      return ExitCodes.USAGE;
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.getFirst()) {
      case "install" -> install(rest, platform, env, out, err, commandTimeout);
      case "uninstall" -> {
        if (!rest.isEmpty()) {
          err.println("ironcliw: error: service uninstall takes no options");
          yield ExitCodes.USAGE;
        }
        yield uninstall(platform, out, err, commandTimeout);
      }
      default -> {
        err.println("ironcliw: error: unknown service command " + args.getFirst());
        err.print(CommandLine.USAGE);
        yield ExitCodes.USAGE;
      }
    };
  }

  private static int install(
      List<String> runArgs,
      ServicePlatform platform,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      Duration commandTimeout) {
    String launcher = System.getProperty(LAUNCHER_PROPERTY);
    if (launcher == null || !Files.isExecutable(Path.of(launcher))) {
      err.println(
          "ironcliw: error: service install runs the daemon through the ironcliw launcher script;"
              + " run it as ./ironcliw service install");
      return ExitCodes.USAGE;
    }
    // The same checks as run: a service that cannot start would only restart and fail.
    RunSelection selection = RunSelection.select(runArgs, ConfigLoader.forThisMachine(), err);
    if (selection == null) {
      return ExitCodes.USAGE;
    }
    ServiceDefinition service =
        ServiceDefinition.of(
            Path.of(launcher).toAbsolutePath().normalize(),
            selection.commandLine().toAbsoluteArgs(),
            env);
    Path file = platform.file();
    try {
      for (Path directory : platform.directories()) {
        Files.createDirectories(directory);
      }
      Files.writeString(file, platform.render(service), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("ironcliw: error: cannot write " + file + ": " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    out.println("ironcliw: wrote " + file);
    out.println("  runs: " + String.join(" ", service.command()));
    if (!service.environment().isEmpty()) {
      out.println("  with: " + String.join(" ", service.environment().keySet()));
    }
    for (List<String> command : platform.loadCommands()) {
      String failure = runCommand(command, commandTimeout);
      if (failure != null) {
        err.println(
            "ironcliw: error: the service file is written but loading it failed: " + failure);
        err.println("  load it in your desktop session with: " + platform.manualLoad());
        return ExitCodes.FAILURE;
      }
    }
    out.println("ironcliw: service loaded and started; it restarts when it fails");
    out.println("  logs: " + platform.logs());
    if (!env.containsKey("DISPLAY") && !PlatformPaths.isMac()) {
      out.println("  note: DISPLAY was not set here, so the service captures no X display");
    }
    return ExitCodes.OK;
  }

  /**
   * Unloads and removes the service. Removing the file is what counts: when unloading fails (no
   * user manager is running, say), that is a warning, and the exit status is still 0.
   */
  private static int uninstall(
      ServicePlatform platform, PrintStream out, PrintStream err, Duration commandTimeout) {
    Path file = platform.file();
    if (!Files.exists(file)) {
      out.println("ironcliw: no service installed (" + file + " does not exist)");
      return ExitCodes.OK;
    }
    boolean unloaded = true;
    for (List<String> command : platform.unloadCommands()) {
      String failure = runCommand(command, commandTimeout);
      if (failure != null) {
        err.println("ironcliw: warning: " + failure);
        unloaded = false;
      }
    }
    try {
      Files.delete(file);
    } catch (IOException e) {
      err.println("ironcliw: error: cannot remove " + file + ": " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    out.println(
        "ironcliw: removed "
            + file
            + (unloaded
                ? "; the service is stopped"
                : "; it could not be unloaded, so stop a daemon it still runs by hand"));
    return ExitCodes.OK;
  }

  /**
   * Runs {@code command}; null when it exited 0, else one line saying what went wrong. Its output
   * goes to a file read afterwards, so a command that hangs with its output open is still given up
   * on after {@code timeout}.
   */
  private static String runCommand(List<String> command, Duration timeout) {
    String shown = String.join(" ", command);
    Path output = null;
    try {
      output = Files.createTempFile("ironcliw-service", ".out");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return shown + " did not finish within " + timeout.toSeconds() + " s";
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        return shown
            + " exited with "
            + process.exitValue()
            + (text.isBlank() ? "" : ": " + text.strip().replace('\n', ' '));
      }
      return null;
    } catch (IOException e) {
      return shown + " could not run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return shown + " was interrupted";
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException ignored) {
          // a temporary file left behind
        }
      }
    }
  }
}

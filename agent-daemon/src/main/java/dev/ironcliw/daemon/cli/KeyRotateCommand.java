package dev.ironcliw.daemon.cli;

import dev.ironcliw.daemon.lifecycle.DataDirectory;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.lifecycle.StartupException;
import dev.ironcliw.daemon.vault.HistoryVault;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ironcliw key rotate [RUN OPTIONS]}: a new master key for the encrypted history, in the
 * store that held the old one, and the data keys wrapped under it ({@link HistoryVault#rotate}).
 * With a daemon on the data dir, the daemon does it ({@code POST /api/v1/history/key}) as it goes
 * on recording; else this command, on the data dir's keys.
 */
public final class KeyRotateCommand {
  private KeyRotateCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    RunSelection selection = RunSelection.ofSubcommand(args, "key", "rotate", err);
    if (selection == null) {
      return ExitCodes.USAGE;
    }
    Path dataDir = selection.config().dataDir();
    if (DataDirectory.isHeld(dataDir)) {
      return rotateInTheDaemon(args.subList(1, args.size()), out, err);
    }
    try {
      out.println(
          "ironcliw: "
              + HistoryVault.rotate(selection.config().encryption(), dataDir, System.getenv()));
      return ExitCodes.OK;
    } catch (StartupException e) {
      err.println("ironcliw: error: " + e.getMessage());
      return e.exitCode();
    }
  }

  private static int rotateInTheDaemon(List<String> runOptions, PrintStream out, PrintStream err) {
    LocalDaemon.Asked asked = LocalDaemon.ask(runOptions, "/api/v1/history/key", "POST", err);
    JsonObject body = asked.answer(err);
    if (body == null) {
      return asked.failureStatus();
    }
    out.println("ironcliw: " + body.getString("rotated") + " (by the running daemon)");
    return ExitCodes.OK;
  }
}

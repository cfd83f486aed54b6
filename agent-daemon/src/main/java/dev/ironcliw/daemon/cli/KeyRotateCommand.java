package dev.ironcliw.daemon.cli;

import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.lifecycle.StartupException;
import dev.ironcliw.daemon.vault.HistoryVault;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ironcliw key rotate [RUN OPTIONS]}: a new master key for the encrypted history, in the
 * store that held the old one, and the data keys wrapped under it ({@link HistoryVault#rotate}).
 * Only while no daemon holds the data dir: the daemon adds data keys as it runs.
 */
public final class KeyRotateCommand {
  private KeyRotateCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    RunSelection.Offline offline =
        RunSelection.offline(args, "key", "rotate", "then rotate the key", err);
    if (offline.selection() == null) {
      return offline.failure();
    }
    RunSelection selection = offline.selection();
    Path dataDir = selection.config().dataDir();
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
}

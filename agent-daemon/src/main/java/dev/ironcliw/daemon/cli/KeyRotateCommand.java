package dev.ironcliw.daemon.cli;

import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.daemon.lifecycle.DataDirectory;
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
    if (!CommandLine.startsWithSubcommand(args, "key", "rotate", err)) {
      return ExitCodes.USAGE;
    }
    RunSelection selection =
        RunSelection.select(args.subList(1, args.size()), ConfigLoader.forThisMachine(), err);
    if (selection == null) {
      return ExitCodes.USAGE;
    }
    Path dataDir = selection.config().dataDir();
    if (DataDirectory.isHeld(dataDir)) {
      err.println(
          "ironcliw: error: a daemon runs on " + dataDir + "; stop it first, then rotate the key");
      return ExitCodes.FAILURE;
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
}

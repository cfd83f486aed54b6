package dev.ironcliw.daemon.cli;

import dev.ironcliw.daemon.lifecycle.ExitCodes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ironcliw index rebuild [RUN OPTIONS]}: throws the text index away, so that the next start
 * builds it again from the journal (the journal is the record; the index only serves it). Only
 * while no daemon holds the data dir.
 */
public final class IndexCommand {
  private IndexCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    RunSelection.Offline offline =
        RunSelection.offline(
            args,
            "index",
            "rebuild",
            "then rebuild (its next start indexes the journal again)",
            err);
    if (offline.selection() == null) {
      return offline.failure();
    }
    Path dataDir = offline.selection().config().dataDir();
    Path index = dataDir.resolve("index");
    if (Files.isSymbolicLink(index)) {
      err.println("ironcliw: error: " + index + " is a symbolic link; remove it by hand");
      return ExitCodes.FAILURE;
    }
    if (!Files.isDirectory(index, LinkOption.NOFOLLOW_LINKS)) {
      out.println("ironcliw: no text index in " + dataDir + "; the next start builds it");
      return ExitCodes.OK;
    }
    try (Stream<Path> files = Files.walk(index)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      err.println("ironcliw: error: cannot delete " + index + ": " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    out.println(
        "ironcliw: deleted the text index in "
            + dataDir
            + "; the next start builds it again from the journal");
    return ExitCodes.OK;
  }
}

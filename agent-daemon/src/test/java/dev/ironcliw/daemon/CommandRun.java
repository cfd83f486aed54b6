package dev.ironcliw.daemon;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command of the {@code ironcliw} CLI run in this JVM ({@link Main#run}) against a daemon's
 * configuration, data dir and port, as a user runs it next to the daemon.
 *
 * @param status its exit status
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
record CommandRun(int status, String out, String err) {
  /** Runs {@code ironcliw ARGS --config CONFIG --data-dir DATA --port PORT}. */
  static CommandRun of(Path config, Path data, int port, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--config",
            config.toString(),
            "--data-dir",
            data.toString(),
            "--port",
            Integer.toString(port)));
    int status =
        Main.run(
            all,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CommandRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}

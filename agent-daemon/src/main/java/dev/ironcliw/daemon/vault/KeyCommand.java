package dev.ironcliw.daemon.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a key store's tool ({@code secret-tool}, {@code security}) with the secret on its standard
 * input or output, never on its command line, where any user's {@code ps} would see it.
 */
final class KeyCommand {
  /** How a run ended. */
  record Result(int exitCode, String out, String err) {}

  private KeyCommand() {}

  /**
   * @param input written to its standard input, then closed; null for none
   * @param timeout how long it may take (a keychain may ask the user first)
   * @param environment set for it over this process's own
   * @throws KeyStoreUnavailableException when it cannot be started or does not end in time
   */
  static Result run(
      List<String> command, String input, Duration timeout, Map<String, String> environment) {
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new KeyStoreUnavailableException(
          "cannot run " + command.getFirst() + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try (OutputStream stdin = process.getOutputStream()) {
      if (input != null) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // It exited before reading: its exit code and error say why.
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new KeyStoreUnavailableException(
            command.getFirst() + " did not answer in " + timeout.toSeconds() + " s");
      }
      return new Result(process.exitValue(), out.join(), err.join().strip());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new KeyStoreUnavailableException("interrupted while " + command.getFirst() + " ran");
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }

  /** Whether {@code program} is an executable file on the {@code PATH}. */
  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}

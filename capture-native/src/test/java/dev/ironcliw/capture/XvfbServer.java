package dev.ironcliw.capture;

import dev.ironcliw.testing.NativeRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A real Xvfb X server on a free display number, for tests; stopped on close. */
public final class XvfbServer implements AutoCloseable {
  private final Process process;
  private final String display;

  private XvfbServer(Process process, String display) {
    this.process = process;
    this.display = display;
  }

  /** True when the Xvfb binary is on this machine. */
  public static boolean isInstalled() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, "Xvfb"))) {
        return true;
      }
    }
    return false;
  }

  /** Starts Xvfb with one {@code width} x {@code height} 24-bit screen; skips when missing. */
  public static XvfbServer start(int width, int height, String... extraArguments)
      throws IOException, InterruptedException {
    NativeRequirement.require(isInstalled(), "Xvfb (Debian package xvfb)");
    for (int attempt = 0; attempt < 20; attempt++) {
      int number = 100 + ThreadLocalRandom.current().nextInt(800);
      if (Files.exists(Path.of("/tmp/.X" + number + "-lock"))) {
        continue;
      }
      java.util.List<String> command =
          new java.util.ArrayList<>(
              java.util.List.of(
                  "Xvfb",
                  ":" + number,
                  "-screen",
                  "0",
                  width + "x" + height + "x24",
                  "-nolisten",
                  "tcp",
                  "+extension",
                  "RANDR"));
      command.addAll(java.util.List.of(extraArguments));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      Path socket = Path.of("/tmp/.X11-unix/X" + number);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline && process.isAlive() && !Files.exists(socket)) {
        Thread.sleep(20);
      }
      if (process.isAlive() && Files.exists(socket)) {
        return new XvfbServer(process, ":" + number);
      }
      process.destroyForcibly();
    }
    throw new IOException("could not start Xvfb on any display number");
  }

  public String display() {
    return display;
  }

  /** Runs an X client tool (xdotool, xset) against this server and waits for it. */
  public void run(String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DISPLAY", display);
    Process tool = builder.start();
    String output = new String(tool.getInputStream().readAllBytes());
    if (!tool.waitFor(30, TimeUnit.SECONDS) || tool.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.onExit().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

package dev.ironcliw.capture;

import com.sun.jna.NativeLibrary;
import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import dev.ironcliw.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/** A real Xvfb X server on a free display number, for tests; stopped on close. */
public final class XvfbServer implements AutoCloseable {
  private final Process process;
  private final String display;
  private final List<String> command;

  private XvfbServer(Process process, String display, List<String> command) {
    this.process = process;
    this.display = display;
    this.command = command;
  }

  /** The X client libraries the X11 capture loads, by JNA's name. */
  private static final List<String> CLIENT_LIBRARIES =
      List.of("X11", "Xext", "Xdamage", "Xfixes", "Xrandr", "Xss");

  /** What of Xvfb and the client libraries is missing, in words; empty when nothing is. */
  private static List<String> missingPieces() {
    List<String> missing = new ArrayList<>(missingPrograms(List.of("Xvfb")));
    for (String library : CLIENT_LIBRARIES) {
      try {
        NativeLibrary.getInstance(library);
      } catch (UnsatisfiedLinkError e) {
        missing.add("lib" + library);
      }
    }
    return missing;
  }

  /**
   * Skips (fails in CI) the running test unless Xvfb, the client libraries and every X client
   * program named are there.
   */
  public static void requirePrograms(String... programs) {
    requireServer();
    List<String> missing = missingPrograms(List.of(programs));
    NativeRequirement.require(
        missing.isEmpty(), NativePiece.X11_PROGRAMS, "not on PATH: " + String.join(", ", missing));
  }

  private static List<String> missingPrograms(List<String> programs) {
    List<String> missing = new ArrayList<>();
    for (String program : programs) {
      boolean found = false;
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
        found |= Files.isExecutable(Path.of(dir, program));
      }
      if (!found) {
        missing.add(program);
      }
    }
    return missing;
  }

  private static void requireServer() {
    List<String> missing = missingPieces();
    NativeRequirement.require(
        missing.isEmpty(), NativePiece.X11, "not found: " + String.join(", ", missing));
  }

  /** Starts Xvfb with one {@code width} x {@code height} 24-bit screen; skips when missing. */
  public static XvfbServer start(int width, int height, String... extraArguments)
      throws IOException, InterruptedException {
    requireServer();
    for (int attempt = 0; attempt < 20; attempt++) {
      int number = 100 + ThreadLocalRandom.current().nextInt(800);
      if (Files.exists(Path.of("/tmp/.X" + number + "-lock"))) {
        continue;
      }
      List<String> command =
          new ArrayList<>(
              List.of(
                  "Xvfb",
                  ":" + number,
                  "-screen",
                  "0",
                  width + "x" + height + "x24",
                  "-nolisten",
                  "tcp",
                  "+extension",
                  "RANDR"));
      command.addAll(List.of(extraArguments));
      XvfbServer server = startWith(command, ":" + number);
      if (server != null) {
        return server;
      }
    }
    throw new IOException("could not start Xvfb on any display number");
  }

  /** The server started by {@code command}, once its socket is there; null if it failed. */
  private static XvfbServer startWith(List<String> command, String display)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Path socket = Path.of("/tmp/.X11-unix/X" + display.substring(1));
    try {
      Waits.await("Xvfb's socket " + socket, Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> !process.isAlive() || Files.exists(socket));
    } catch (ConditionTimeoutException e) {
      // not started in time: given up below
    }
    if (process.isAlive() && Files.exists(socket)) {
      return new XvfbServer(process, display, command);
    }
    process.destroyForcibly();
    return null;
  }

  /** Kills this server (SIGKILL: clients see the connection break) and waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** A new server on this one's display number, with the same arguments; this one must be gone. */
  public XvfbServer startAgain() throws IOException, InterruptedException {
    // A killed server leaves its lock file and socket behind; the new one would refuse the number.
    Files.deleteIfExists(Path.of("/tmp/.X" + display.substring(1) + "-lock"));
    Files.deleteIfExists(Path.of("/tmp/.X11-unix/X" + display.substring(1)));
    XvfbServer server = startWith(command, display);
    if (server == null) {
      throw new IOException("could not start Xvfb again on " + display);
    }
    return server;
  }

  /** The server's process id, to read its CPU time. */
  public long pid() {
    return process.pid();
  }

  public String display() {
    return display;
  }

  /** Runs an X client tool (xdotool, xset) against this server and waits for it. */
  public void run(String... command) throws IOException, InterruptedException {
    requirePrograms(command[0]);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DISPLAY", display);
    Process tool = builder.start();
    String output = new String(tool.getInputStream().readAllBytes());
    if (!tool.waitFor(30, TimeUnit.SECONDS) || tool.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  /**
   * Loads X resources into the root's RESOURCE_MANAGER with xrdb, as a desktop session does (a
   * scaled GNOME or KDE session sets Xft.dpi); connections opened after it see them.
   */
  public void loadResources(String resources) throws IOException, InterruptedException {
    Path file = Files.createTempFile("ironcliw-xresources", ".txt");
    try {
      Files.writeString(file, resources + "\n");
      run("xrdb", "-nocpp", "-load", file.toString());
    } finally {
      Files.delete(file);
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

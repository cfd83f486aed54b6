package dev.ironcliw.daemon;

import dev.ironcliw.config.DiffSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code diff.backend: auto}'s race ({@link DiffEngines#race}), run in a child JVM. Loading the
 * OpenCL and Vulkan drivers maps their libraries into the process for good: on a machine whose only
 * devices are CPU-type (pocl and lavapipe, both on LLVM) that was about 30 MiB of anonymous memory
 * and 8-43 MiB of LLVM's pages in a daemon that then diffs on the CPU, and their signal handlers
 * over the JVM's. The child times the CPU engine and every device engine that passes its self-test
 * on frames of the capture's size and says which was fastest; the daemon loads a driver itself only
 * when its device won. A child that fails or does not answer leaves the daemon on the CPU engine,
 * with why.
 */
final class GpuProbeProcess {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final String CHILD = " (timed in a child process)";

  private GpuProbeProcess() {}

  /**
   * Runs the race in a child JVM with this JVM's classpath, waiting up to {@link #TIMEOUT}.
   *
   * @param width the frames' width the engines are timed on, in pixels
   * @param height their height
   */
  static DiffEngines.Race run(DiffSettings settings, int width, int height) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A small JVM: the frames are off the heap. The CPU engine is timed as the daemon runs it,
    // with the Vector API and the optimising compiler. Our own methods compile in the foreground:
    // a diff that triggers a compile waits for it, so the warm-up ends with the engine compiled
    // however busy the machine is (on a loaded one the compiler threads lagged and the engine was
    // timed 100 times slower, in code C1 had made). The drivers' and the JDK's compiles stay
    // in the background (all of them in the foreground, -Xbatch, made the child 1.5 s slower).
    command.addAll(
        List.of(
            "-Xmx64m",
            "-XX:+UseSerialGC",
            "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=BackgroundCompilation,dev.ironcliw.*::*,false"));
    command.addAll(JvmFlags.REQUIRED);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            GpuProbeProcess.class.getName(),
            Integer.toString(settings.tileSize()),
            Long.toString(settings.tileThreshold()),
            Integer.toString(settings.threads()),
            Integer.toString(width),
            Integer.toString(height)));
    Process child;
    try {
      child = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return cpu("auto: the timing child could not start (" + e.getMessage() + "); CPU engine");
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(child));
    try {
      if (!child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        child.destroyForcibly();
        return cpu(
            "auto: the timing child did not answer in " + TIMEOUT.toSeconds() + " s; CPU engine");
      }
      return parse(child.exitValue(), output.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
      return cpu("auto: interrupted while timing the engines; CPU engine");
    } catch (ExecutionException | TimeoutException e) {
      return cpu("auto: the timing child's output was lost (" + e + "); CPU engine");
    }
  }

  private static DiffEngines.Race cpu(String reason) {
    return new DiffEngines.Race(DiffEngines.CPU, reason);
  }

  private static String read(Process child) {
    try (InputStream in = child.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The race from the child's exit status and output: its last line that is an answer. */
  static DiffEngines.Race parse(int exitStatus, String output) {
    List<String> lines = output.lines().map(String::strip).toList();
    if (exitStatus == 0) {
      for (String line : lines.reversed()) {
        int tab = line.indexOf('\t');
        String winner = tab < 0 ? "" : line.substring(0, tab);
        if (winner.equals(DiffEngines.CPU)
            || winner.equals(DiffEngines.VULKAN)
            || winner.matches(DiffEngines.OPENCL + "[0-9]{1,3}")) {
          return new DiffEngines.Race(winner, line.substring(tab + 1) + CHILD);
        }
      }
    }
    String last =
        lines.reversed().stream().filter(line -> !line.isEmpty()).findFirst().orElse("no output");
    return cpu(
        "auto: the timing child failed with exit status "
            + exitStatus
            + " ("
            + last
            + "); CPU engine");
  }

  /**
   * The child: runs {@link DiffEngines#race} and prints the winner, a tab and the reason. Halts
   * without closing the engines: the drivers' teardown has nothing to give back.
   *
   * @param args tile size in pixels, tile threshold, CPU engine threads, frame width and height
   */
  public static void main(String[] args) {
    DiffSettings settings =
        new DiffSettings(
            "auto", Integer.parseInt(args[2]), Integer.parseInt(args[0]), Long.parseLong(args[1]));
    DiffEngines.Race race =
        DiffEngines.race(
            settings,
            Integer.parseInt(args[3]),
            Integer.parseInt(args[4]),
            DiffEngines.cpuEngine(settings));
    System.out.println(race.winner() + "\t" + race.reason());
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}

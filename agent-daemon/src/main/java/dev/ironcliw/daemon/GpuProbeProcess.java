package dev.ironcliw.daemon;

import dev.ironcliw.config.DiffSettings;
import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.GpuBufferBudget;
import dev.ironcliw.diff.ScalarTileDiffEngine;
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
 * {@code diff.backend: auto}'s look for a GPU, run in a child JVM. Loading the OpenCL and Vulkan
 * drivers maps their libraries into the process for good: on a machine whose only devices are
 * CPU-type (pocl and lavapipe, both on LLVM) that was about 30 MiB of anonymous memory and 8-43 MiB
 * of LLVM's pages in a daemon that then diffs on the CPU, and their signal handlers over the JVM's.
 * The child probes exactly as the daemon would (OpenCL then Vulkan, a GPU that passes the
 * self-test) and says what it found; the daemon loads the drivers itself only when that is a GPU. A
 * child that fails or does not answer leaves the daemon on the CPU engine, with why.
 */
final class GpuProbeProcess {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final String GPU = "gpu";
  private static final String CPU = "cpu";
  private static final String CHILD = " (probed in a child process)";

  /**
   * What the child found.
   *
   * @param gpuFound a GPU passed its self-test
   * @param reason one line for status and the log
   */
  record Outcome(boolean gpuFound, String reason) {}

  private GpuProbeProcess() {}

  /** Runs the probe in a child JVM with this JVM's classpath, waiting up to {@link #TIMEOUT}. */
  static Outcome run(DiffSettings settings) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A small, quick JVM: it only loads the drivers and runs the self-test once.
    command.addAll(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    for (String flag : JvmFlags.REQUIRED) {
      if (!flag.startsWith("--add-modules=jdk.incubator.vector")) {
        command.add(flag);
      }
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            GpuProbeProcess.class.getName(),
            Integer.toString(settings.tileSize()),
            Long.toString(settings.tileThreshold())));
    Process child;
    try {
      child = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Outcome(
          false, "auto: the GPU probe could not start (" + e.getMessage() + "); CPU engine");
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(child));
    try {
      if (!child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        child.destroyForcibly();
        return new Outcome(
            false,
            "auto: the GPU probe (a child process) did not answer in "
                + TIMEOUT.toSeconds()
                + " s; CPU engine");
      }
      return parse(child.exitValue(), output.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Outcome(false, "auto: interrupted while probing for a GPU; CPU engine");
    } catch (ExecutionException | TimeoutException e) {
      return new Outcome(false, "auto: the GPU probe's output was lost (" + e + "); CPU engine");
    }
  }

  private static String read(Process child) {
    try (InputStream in = child.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The outcome from the child's exit status and output: its last line that is an answer. */
  static Outcome parse(int exitStatus, String output) {
    List<String> lines = output.lines().map(String::strip).toList();
    if (exitStatus == 0) {
      for (String line : lines.reversed()) {
        int tab = line.indexOf('\t');
        String kind = tab < 0 ? "" : line.substring(0, tab);
        if (kind.equals(GPU) || kind.equals(CPU)) {
          return new Outcome(kind.equals(GPU), line.substring(tab + 1) + CHILD);
        }
      }
    }
    String last =
        lines.reversed().stream().filter(line -> !line.isEmpty()).findFirst().orElse("no output");
    return new Outcome(
        false,
        "auto: the GPU probe (a child process) failed with exit status "
            + exitStatus
            + " ("
            + last
            + "); CPU engine");
  }

  /**
   * The child: probes as {@code auto} does and prints {@code gpu} or {@code cpu}, a tab and the
   * reason. Halts without closing the engine: the drivers' teardown has nothing to give back.
   *
   * @param args the tile size in pixels and the tile threshold
   */
  public static void main(String[] args) {
    DiffSettings settings =
        new DiffSettings("auto", 1, Integer.parseInt(args[0]), Long.parseLong(args[1]));
    DiffEngine cpu = new ScalarTileDiffEngine(settings.tileSize(), settings.tileThreshold());
    DiffEngines.Choice choice = DiffEngines.probe(settings, cpu, GpuBufferBudget.unlimited());
    System.out.println((choice.engine() != cpu ? GPU : CPU) + "\t" + choice.reason());
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}

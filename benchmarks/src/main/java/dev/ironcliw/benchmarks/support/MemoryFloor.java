package dev.ironcliw.benchmarks.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory-bandwidth floor of a frame on this machine, measured by C compiled here ({@code
 * floor.c}, with {@code gcc -O3 -march=native}): the median of one memcpy of a BGRX frame and of
 * one absdiff of two frames into a third. The replay benchmark gives its times as ratios to these,
 * measured in the same run, since the machines are shared and their speed varies.
 *
 * @param memcpyNanos median time of one memcpy of the frame
 * @param absdiffNanos median time of one absdiff of two frames
 */
public record MemoryFloor(long memcpyNanos, long absdiffNanos) {
  private static final Pattern ANSWER = Pattern.compile("memcpy_ns=(\\d+) absdiff_ns=(\\d+)");
  private static final long COMPILE_SECONDS = 120;

  /**
   * Compiles the floor program into {@code workDir} and runs it for a {@code width x height} frame,
   * {@code repetitions} times.
   *
   * @throws IOException with the reason when there is no C compiler or the program fails
   */
  public static MemoryFloor measure(int width, int height, int repetitions, Path workDir)
      throws IOException {
    Path source = workDir.resolve("floor.c");
    try (InputStream in = MemoryFloor.class.getResourceAsStream("floor.c")) {
      if (in == null) {
        throw new IOException("floor.c is missing from the benchmarks jar");
      }
      Files.write(source, in.readAllBytes());
    }
    Path program = workDir.resolve("floor");
    run(
        List.of("gcc", "-O3", "-march=native", "-o", program.toString(), source.toString()),
        "compiling floor.c");
    String answer =
        run(
            List.of(
                program.toString(),
                Integer.toString(width),
                Integer.toString(height),
                Integer.toString(repetitions)),
            "running the floor");
    Matcher m = ANSWER.matcher(answer);
    if (!m.find()) {
      throw new IOException("the floor program answered " + answer.strip());
    }
    return new MemoryFloor(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }

  private static String run(List<String> command, String what) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(what + ": cannot start " + command.getFirst() + " (" + e + ")", e);
    }
    try {
      if (!process.waitFor(COMPILE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(what + ": no answer in " + COMPILE_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + ": interrupted", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(what + ": exit " + process.exitValue() + ": " + output.strip());
    }
    return output;
  }
}

package dev.ironcliw.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and resident memory from {@code /proc/PID/stat} and {@code status} (Linux):
 * each {@link #sample} gives the CPU used since the previous one, in percent of one core.
 */
final class ProcessSampler {
  /** USER_HZ: the unit of utime and stime in /proc/PID/stat; 100 on every Linux we run. */
  private static final double TICKS_PER_SECOND = 100;

  private final long pid;
  private long lastTicks = -1;
  private long lastNanos;

  ProcessSampler(long pid) {
    this.pid = pid;
  }

  /**
   * CPU since the previous call in percent of one core (-1 on the first), then resident bytes: all,
   * anonymous (heap, native), and file-backed (the ring's and the journal's mapped pages, which the
   * kernel can drop).
   */
  double[] sample() throws IOException {
    long ticks = cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    long now = System.nanoTime();
    double cpu = -1;
    if (lastTicks >= 0) {
      double seconds = (now - lastNanos) / 1e9;
      cpu = 100.0 * (ticks - lastTicks) / TICKS_PER_SECOND / seconds;
    }
    lastTicks = ticks;
    lastNanos = now;
    double[] sample = {cpu, 0, 0, 0};
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      int column =
          line.startsWith("VmRSS:")
              ? 1
              : line.startsWith("RssAnon:") ? 2 : line.startsWith("RssFile:") ? 3 : 0;
      if (column > 0) {
        sample[column] = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
      }
    }
    return sample;
  }

  /** utime + stime of a {@code /proc/.../stat} line (a process's or a thread's), in ticks. */
  static long cpuTicks(String stat) {
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}

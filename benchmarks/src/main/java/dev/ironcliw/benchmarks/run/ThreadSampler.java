package dev.ironcliw.benchmarks.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A process's CPU by thread, from {@code /proc/PID/task/TID/stat} and {@code comm} (Linux): each
 * {@link #sample} gives the clock ticks each thread name used since the previous one. Threads of
 * one name (a pool's) add up; a thread that ended between two samples loses its last interval.
 */
final class ThreadSampler {
  private final Path tasks;
  private Map<Long, Long> lastTicksByThread = new HashMap<>();

  ThreadSampler(long pid) {
    this.tasks = Path.of("/proc", Long.toString(pid), "task");
  }

  /** Ticks (1/100 s) by thread name since the previous call; every thread's whole time at first. */
  Map<String, Long> sample() throws IOException {
    Map<Long, Long> ticksByThread = new HashMap<>();
    Map<String, Long> usedByName = new HashMap<>();
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        long tid = Long.parseLong(thread.getFileName().toString());
        String stat;
        String name;
        try {
          stat = Files.readString(thread.resolve("stat"));
          name = Files.readString(thread.resolve("comm")).strip();
        } catch (NoSuchFileException ended) {
          continue;
        }
        long ticks = ProcessSampler.cpuTicks(stat);
        ticksByThread.put(tid, ticks);
        long used = ticks - lastTicksByThread.getOrDefault(tid, 0L);
        if (used > 0) {
          usedByName.merge(name, used, Long::sum);
        }
      }
    }
    lastTicksByThread = ticksByThread;
    return usedByName;
  }
}

package dev.ironcliw.governor.pressure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The daemon's cgroup (v2) when it runs under a memory limit: {@code memory.current} against {@code
 * memory.max}. A cgroup without a limit ({@code max}) is LOW.
 */
public final class CgroupMemoryPressure implements PressureSource {
  private final Path cgroupDir;
  private final SmallTextFile current;
  private final SmallTextFile max;
  private final java.util.function.Supplier<PressureThresholds> thresholds;

  /**
   * @param cgroupDir the daemon's cgroup v2 directory
   * @param thresholds read at every reading, so a live change applies
   */
  public CgroupMemoryPressure(
      Path cgroupDir, java.util.function.Supplier<PressureThresholds> thresholds) {
    this.cgroupDir = cgroupDir;
    this.current = new SmallTextFile(cgroupDir.resolve("memory.current"), 64);
    this.max = new SmallTextFile(cgroupDir.resolve("memory.max"), 64);
    this.thresholds = thresholds;
  }

  /**
   * The cgroup v2 directory of the process whose {@code /proc/PID/cgroup} is {@code procCgroup},
   * under {@code cgroupRoot} (normally {@code /sys/fs/cgroup}); empty on cgroup v1 or when the
   * directory has no {@code memory.current}.
   */
  public static Optional<Path> directoryOf(Path procCgroup, Path cgroupRoot) {
    try {
      for (String line : Files.readAllLines(procCgroup)) {
        if (line.startsWith("0::")) {
          Path dir = cgroupRoot.resolve(line.substring(3).replaceFirst("^/", ""));
          return Files.exists(dir.resolve("memory.current")) ? Optional.of(dir) : Optional.empty();
        }
      }
    } catch (IOException e) {
      // not Linux, or no cgroup information
    }
    return Optional.empty();
  }

  @Override
  public PressureReading read() {
    try {
      current.read();
      long currentBytes = current.longAfter("");
      max.read();
      if (max.is("max")) {
        return new PressureReading(
            "cgroup",
            PressureLevel.LOW,
            "memory.current " + (currentBytes >> 20) + " MiB, no limit");
      }
      long limit = max.longAfter("");
      return new PressureReading(
          "cgroup",
          thresholds.get().levelOf(currentBytes, limit),
          "memory.current " + (currentBytes >> 20) + " of memory.max " + (limit >> 20) + " MiB");
    } catch (IOException | RuntimeException e) {
      return new PressureReading(
          "cgroup", PressureLevel.LOW, "cannot read " + cgroupDir + ": " + e.getMessage());
    }
  }
}

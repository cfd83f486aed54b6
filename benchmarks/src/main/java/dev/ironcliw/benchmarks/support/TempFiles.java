package dev.ironcliw.benchmarks.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories of a benchmark, and their clean-up. */
public final class TempFiles {
  private static final Path SHARED_MEMORY = Path.of("/dev/shm");

  private TempFiles() {}

  /**
   * A new directory for a frame ring, where the daemon keeps its ring: in shared memory where there
   * is some (Linux), else in the temporary directory. A ring file on a disk costs the writer faults
   * the daemon's ring does not: the kernel's writeback write-protects the written pages.
   */
  public static Path ringDirectory(String prefix) throws IOException {
    if (Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)) {
      return Files.createTempDirectory(SHARED_MEMORY, prefix);
    }
    return Files.createTempDirectory(prefix);
  }

  /** Deletes {@code root} and everything under it. */
  public static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

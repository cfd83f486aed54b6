package dev.ironcliw.daemon;

import dev.ironcliw.ring.PageRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shared libraries mapped into the daemon, from {@code /proc/self/maps} (Linux; elsewhere
 * none): what a probe loaded can be told from a snapshot taken before it, and the pages of the
 * libraries only the probe used given back. The GPU probes load whole driver stacks (LLVM for the
 * CPU drivers pocl and lavapipe, shaderc): about 70 MiB of pages that stay resident, and counted in
 * the daemon's memory, when the diff runs on the CPU after all.
 */
final class MappedLibraries {
  private static final Path MAPS = Path.of("/proc/self/maps");

  private MappedLibraries() {}

  /** A mapped range of a library. */
  record Range(long start, long end, String path) {}

  /** The paths of the libraries mapped now; empty where there is no {@code /proc}. */
  static Set<String> paths() {
    Set<String> paths = new TreeSet<>();
    for (Range range : ranges()) {
      paths.add(range.path());
    }
    return paths;
  }

  /**
   * Asks the kernel to reclaim the pages of the libraries mapped now that {@code before} did not
   * hold ({@link PageRelease#pageOut}, which loses nothing: a page touched again is read back).
   *
   * @return the libraries paged out
   */
  static List<String> pageOutLoadedSince(Set<String> before) {
    Set<String> pagedOut = new TreeSet<>();
    for (Range range : ranges()) {
      if (!before.contains(range.path())
          && PageRelease.pageOut(range.start(), range.end() - range.start())) {
        pagedOut.add(range.path());
      }
    }
    return List.copyOf(pagedOut);
  }

  private static List<Range> ranges() {
    List<Range> ranges = new ArrayList<>();
    if (!Files.isReadable(MAPS)) {
      return ranges;
    }
    try {
      for (String line : Files.readAllLines(MAPS)) {
        // start-end perms offset dev inode path
        String[] fields = line.trim().split("\\s+", 6);
        if (fields.length < 6 || !isLibrary(fields[5])) {
          continue;
        }
        String[] bounds = fields[0].split("-");
        ranges.add(
            new Range(
                Long.parseUnsignedLong(bounds[0], 16),
                Long.parseUnsignedLong(bounds[1], 16),
                fields[5]));
      }
    } catch (IOException | RuntimeException e) {
      return List.of(); // nothing to give back then; the daemon runs as before
    }
    return ranges;
  }

  private static boolean isLibrary(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return path.startsWith("/") && (name.endsWith(".so") || name.contains(".so."));
  }
}

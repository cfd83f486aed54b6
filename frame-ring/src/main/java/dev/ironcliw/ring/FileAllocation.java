package dev.ironcliw.ring;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Makes the file system back every byte of a file now, with {@code posix_fallocate}: a page of a
 * memory-mapped file that the file system cannot back when it is first written (the disk is full)
 * faults the writing thread instead of failing a call. Allocating keeps the bytes already in the
 * file. Where there is no {@code posix_fallocate} (macOS) nothing is done.
 */
final class FileAllocation {
  private static final int O_RDWR = 2; // Linux and macOS
  private static final MethodHandle OPEN;
  private static final MethodHandle FALLOCATE;
  private static final MethodHandle CLOSE;

  static {
    Linker linker = Linker.nativeLinker();
    OPEN =
        find(
            linker,
            "open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    FALLOCATE =
        find(
            linker,
            "posix_fallocate",
            FunctionDescriptor.of(
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG));
    CLOSE =
        find(linker, "close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  }

  private FileAllocation() {}

  @SuppressWarnings("restricted") // the daemon runs with --enable-native-access=ALL-UNNAMED
  private static MethodHandle find(Linker linker, String name, FunctionDescriptor descriptor) {
    return linker
        .defaultLookup()
        .find(name)
        .map(address -> linker.downcallHandle(address, descriptor))
        .orElse(null);
  }

  /** True where files can be allocated (Linux). */
  static boolean supported() {
    return OPEN != null && FALLOCATE != null && CLOSE != null;
  }

  /**
   * Backs the first {@code bytes} of {@code file}.
   *
   * @return false where not supported
   * @throws IOException naming the file and the system's error (no space, most likely)
   */
  static boolean allocate(Path file, long bytes) throws IOException {
    if (!supported()) {
      return false;
    }
    try (Arena arena = Arena.ofConfined()) {
      int fd = (int) OPEN.invokeExact(arena.allocateFrom(file.toString()), O_RDWR);
      if (fd < 0) {
        throw new IOException("cannot open " + file + " to allocate it");
      }
      try {
        int error = (int) FALLOCATE.invokeExact(fd, 0L, bytes);
        if (error != 0) {
          throw new IOException(
              "cannot allocate "
                  + (bytes >> 20)
                  + " MiB on disk for "
                  + file
                  + (error == 28 ? ": no space left on the device" : ": error " + error));
        }
        return true;
      } finally {
        int ignored = (int) CLOSE.invokeExact(fd);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IOException("cannot allocate " + file + ": " + e, e);
    }
  }
}

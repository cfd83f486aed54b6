package dev.ironcliw.daemon.lifecycle;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The daemon's data dir, created {@code 0700} and held with an exclusive lock on {@code
 * daemon.lock} for the daemon's life, so a second daemon stops before it touches anything.
 */
public final class DataDirectory implements AutoCloseable {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path path;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates (mode 0700) and locks {@code path}.
   *
   * @throws StartupException when it cannot be created or another daemon holds it
   */
  public static DataDirectory openAndLock(Path path) {
    try {
      if (!Files.isDirectory(path)) {
        Files.createDirectories(path);
      }
      if (POSIX) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
      }
    } catch (IOException e) {
      throw new StartupException(
          "cannot create data dir " + path + ": " + e.getMessage(), ExitCodes.FAILURE, e);
    }
    Path lockFile = path.resolve("daemon.lock");
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
        channel.close();
        throw new StartupException(
            "another Ironcliw daemon"
                + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                + " is already using data dir "
                + path,
            ExitCodes.FAILURE);
      }
      channel.truncate(0);
      channel.write(StandardCharsets.UTF_8.encode(Long.toString(ProcessHandle.current().pid())), 0);
      return new DataDirectory(path, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StartupException(
          "cannot lock data dir " + path + ": " + e.getMessage(), ExitCodes.FAILURE, e);
    }
  }

  public Path path() {
    return path;
  }

  public Path ringFile() {
    return path.resolve("frames.ring");
  }

  public Path journalDir() {
    return path.resolve("journal");
  }

  public Path tokenFile() {
    return path.resolve("api-token");
  }

  public static boolean isPosix() {
    return POSIX;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel close below releases it too
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to do at shutdown
      }
    }
  }
}

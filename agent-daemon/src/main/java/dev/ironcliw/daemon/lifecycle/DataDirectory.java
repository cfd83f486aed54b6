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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The daemon's data dir, created {@code 0700} and held with an exclusive lock on {@code
 * daemon.lock} (which holds the daemon's pid) for the daemon's life, so a second daemon stops
 * before it touches anything. A clean stop removes the lock file; after a crash the file stays, but
 * its lock went with the process, so the next start takes it.
 */
public final class DataDirectory implements AutoCloseable {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private static final int LOCK_ATTEMPTS = 3;

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
    Path lockFile = lockFile(path);
    for (int attempt = 1; ; attempt++) {
      DataDirectory locked = tryLock(path, lockFile);
      if (locked != null || attempt == LOCK_ATTEMPTS) {
        if (locked == null) {
          throw new StartupException(
              "cannot lock data dir " + path + ": its lock file keeps being replaced",
              ExitCodes.FAILURE);
        }
        return locked;
      }
    }
  }

  /**
   * Locks {@code lockFile}; null when the file was removed or replaced while it was being locked (a
   * daemon stopping at that moment removes its lock file), so the caller tries again.
   */
  private static DataDirectory tryLock(Path path, Path lockFile) {
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      Object opened = fileKey(lockFile);
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
      Object now = fileKey(lockFile);
      if (!Files.exists(lockFile) || (opened != null && !opened.equals(now))) {
        lock.release();
        channel.close();
        return null;
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

  /** The file's identity (device and inode), null when it is gone or the system has none. */
  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  private static Path lockFile(Path dataDir) {
    return dataDir.resolve("daemon.lock");
  }

  /**
   * True when a daemon holds {@code dataDir} now (its lock file is locked), without creating or
   * changing anything.
   */
  public static boolean isHeld(Path dataDir) {
    Path lockFile = lockFile(dataDir);
    if (!Files.exists(lockFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // this very process holds it
    } catch (IOException e) {
      return true; // cannot tell: assume it is
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

  /** Removes the lock file, then lets go of its lock: a clean stop leaves no stale pid behind. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(lockFile(path));
    } catch (IOException e) {
      // the lock still goes with the channel; the next start takes the file over
    }
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

package dev.ironcliw.daemon.lifecycle;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The daemon's data dir, created {@code 0700} and held with an exclusive lock on {@code
 * daemon.lock} (which holds the daemon's pid) for the daemon's life, so a second daemon stops
 * before it touches anything. A clean stop removes the lock file; after a crash the file stays, but
 * its lock went with the process, so the next start takes it.
 *
 * <p>Before anything in it is opened, the dir must belong to this user and be writable by no one
 * else, and none of the daemon's files in it ({@link #OWN_FILES}) may be a symbolic link or belong
 * to another user: a dir another user could write to, or a file planted there, would let them read
 * the screen history or have the daemon write where they point. Once the dir is checked, no other
 * user can add to it. Each refusal is one line that says what to do.
 */
public final class DataDirectory implements AutoCloseable {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private static final int LOCK_ATTEMPTS = 3;

  /** What the daemon keeps in the dir. */
  static final List<String> OWN_FILES =
      List.of(
          "daemon.lock",
          "api-token",
          "api-token.tmp",
          "frames.ring",
          "journal",
          "index",
          "history.keys",
          "history.keys.tmp");

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
        if (POSIX) {
          Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        }
      }
    } catch (IOException e) {
      throw new StartupException(
          "cannot create data dir " + path + ": " + e.getMessage(), ExitCodes.FAILURE, e);
    }
    checkSafe(path);
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
              Set.of(
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS),
              POSIX
                  ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))
                  }
                  : new FileAttribute<?>[0]);
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

  /**
   * Refuses {@code dir} unless it belongs to this user and no one else may write to it, and unless
   * each of the daemon's files in it is a plain file or dir of this user; then makes it 0700.
   *
   * @throws StartupException saying what is wrong and what to do
   */
  static void checkSafe(Path dir) {
    if (!POSIX) {
      return;
    }
    long me = new UnixSystem().getUid();
    try {
      // The dir as it is reached (a link to a dir elsewhere is fine when that dir is safe).
      long owner = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
      if (owner != me) {
        throw new StartupException(
            "data dir "
                + dir
                + " belongs to uid "
                + owner
                + ", not to you (uid "
                + me
                + "); give a dir of your own with --data-dir or dataDir",
            ExitCodes.FAILURE);
      }
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
      if (mode.contains(PosixFilePermission.GROUP_WRITE)
          || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
        throw new StartupException(
            "data dir "
                + dir
                + " may be written by other users (mode "
                + PosixFilePermissions.toString(mode)
                + "); check what is in it, then chmod 700 it",
            ExitCodes.FAILURE);
      }
      for (String name : OWN_FILES) {
        Path file = dir.resolve(name);
        if (Files.isSymbolicLink(file)) {
          throw new StartupException(
              file
                  + " is a symbolic link (to "
                  + Files.readSymbolicLink(file)
                  + "); the daemon writes only its own files: remove the link",
              ExitCodes.FAILURE);
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && uid(file) != me) {
          throw new StartupException(
              file + " belongs to uid " + uid(file) + ", not to you; remove it", ExitCodes.FAILURE);
        }
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new StartupException(
          "cannot check data dir " + dir + ": " + e.getMessage(), ExitCodes.FAILURE, e);
    }
  }

  private static long uid(Path file) throws IOException {
    return ((Number) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
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
    if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (FileChannel channel =
        FileChannel.open(
            lockFile,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
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

  public Path journalDir() {
    return path.resolve("journal");
  }

  /** The screen-text index (Lucene). */
  public Path indexDir() {
    return path.resolve("index");
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

package dev.ironcliw.daemon.lifecycle;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the frame ring's file lives. Its pixels are the screen as it was seconds ago, in clear, so
 * on Linux it lives in shared memory ({@code /dev/shm}, a tmpfs): mapped off-heap like any file,
 * but never written to a disk, where a backup, a sync client or a stolen laptop would find it. It
 * outlives the daemon (a restart after a crash still recovers its frames) but not the machine.
 *
 * <p>Each user's rings are in {@code /dev/shm/ironcliw-UID} (mode 0700, refused when it is not the
 * user's own), one per data dir: {@code HASH.ring}, named by the data dir's path, beside {@code
 * HASH.datadir}, which holds that path. A start deletes the rings of data dirs that are gone. Where
 * there is no {@code /dev/shm} (macOS), the ring stays in the data dir, and says so.
 */
public final class RingLocation {
  private static final Logger LOG = LoggerFactory.getLogger(RingLocation.class);
  private static final Path SHM = Path.of("/dev/shm");
  private static final String IN_DATA_DIR = "frames.ring";

  /**
   * @param file the ring's file
   * @param inMemory whether it is in shared memory, never on a disk
   * @param message what the start says of it
   */
  public record Chosen(Path file, boolean inMemory, String message) {}

  private RingLocation() {}

  /** Where the ring of {@code dataDir} is, when shared memory can hold it; nothing is created. */
  public static Path fileFor(Path dataDir) {
    if (!sharedMemory()) {
      return dataDir.resolve(IN_DATA_DIR);
    }
    return userDir().resolve(nameOf(dataDir) + ".ring");
  }

  /**
   * Chooses (and makes) the ring's place for {@code dataDir}, deletes a ring the data dir holds
   * from before, and the rings of data dirs that are gone.
   */
  public static Chosen choose(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    Path old = dir.resolve(IN_DATA_DIR);
    if (!sharedMemory()) {
      return new Chosen(
          old, false, "frame ring: in the data dir (no /dev/shm here): its pixels reach the disk");
    }
    Path users = userDir();
    String unsafe = ownDir(users);
    if (unsafe != null) {
      return new Chosen(old, false, "frame ring: in the data dir, its pixels on disk: " + unsafe);
    }
    deleteRingsOfDataDirsThatAreGone(users);
    String name = nameOf(dir);
    try {
      Files.writeString(users.resolve(name + ".datadir"), dir.toString());
      String message = "frame ring: in shared memory, never on a disk";
      if (Files.deleteIfExists(old)) {
        message += "; the ring the data dir held (pixels in clear) is deleted";
      }
      return new Chosen(users.resolve(name + ".ring"), true, message);
    } catch (IOException e) {
      return new Chosen(old, false, "frame ring: in the data dir, its pixels on disk: " + e);
    }
  }

  private static boolean sharedMemory() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
        && Files.isDirectory(SHM)
        && Files.isWritable(SHM);
  }

  private static Path userDir() {
    return SHM.resolve("ironcliw-" + new UnixSystem().getUid());
  }

  /**
   * Makes {@code dir} (0700); why it cannot be used when it is not this user's alone, else null.
   */
  private static String ownDir(Path dir) {
    try {
      try {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException mayBeSomeoneElses) {
        // checked below
      }
      if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        return dir + " is not a dir of its own (a link?)";
      }
      long owner =
          ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
      if (owner != new UnixSystem().getUid()) {
        return dir + " belongs to uid " + owner;
      }
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
      if (!Set.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE)
          .containsAll(mode)) {
        return dir + " has mode " + PosixFilePermissions.toString(mode) + ", not rwx------";
      }
      return null;
    } catch (IOException e) {
      return "cannot make " + dir + ": " + e;
    }
  }

  private static void deleteRingsOfDataDirsThatAreGone(Path users) {
    List<Path> notes;
    try (Stream<Path> files = Files.list(users)) {
      notes = files.filter(f -> f.getFileName().toString().endsWith(".datadir")).toList();
    } catch (IOException e) {
      return;
    }
    for (Path note : notes) {
      try {
        Path dataDir = Path.of(Files.readString(note, StandardCharsets.UTF_8).strip());
        if (!Files.isDirectory(dataDir)) {
          String name = note.getFileName().toString().replace(".datadir", "");
          Files.deleteIfExists(users.resolve(name + ".ring"));
          Files.deleteIfExists(note);
          LOG.info("frame ring: deleted the ring of {}, which is gone", dataDir);
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("frame ring: cannot check {}: {}", note, e.toString());
      }
    }
  }

  /** The first 16 bytes of the SHA-256 of the data dir's path, in hex. */
  private static String nameOf(Path dataDir) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }
}

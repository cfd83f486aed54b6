package dev.ironcliw.daemon.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The master key in a file of mode 0600 in a dir of mode 0700, outside the data dir (by default in
 * the config dir): what is left where the session has no keychain. A file that others could read,
 * or a link, is refused rather than used.
 */
public final class KeyFileStore implements MasterKeyStore {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_ONLY =
      Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final Path file;

  public KeyFileStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  @Override
  public String name() {
    return "file";
  }

  @Override
  public String describe() {
    return "the key file " + file;
  }

  public Path file() {
    return file;
  }

  @Override
  public Optional<String> read() {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      if (Files.isSymbolicLink(file) || !Files.isRegularFile(file)) {
        throw new KeyStoreUnavailableException(
            "the key file "
                + file
                + " is not a plain file; remove it or point privacy.key.file"
                + " at the key");
      }
      if (POSIX) {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(mode)) {
          throw new KeyStoreUnavailableException(
              "the key file "
                  + file
                  + " has mode "
                  + PosixFilePermissions.toString(mode)
                  + ": others could read the history with it; chmod 600 it");
        }
      }
      return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new KeyStoreUnavailableException("cannot read the key file " + file + ": " + e, e);
    }
  }

  @Override
  public void write(String value) {
    Path dir = file.getParent();
    Path temporary = dir.resolve(file.getFileName() + ".tmp");
    try {
      if (!Files.isDirectory(dir)) {
        if (POSIX) {
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
      }
      Files.deleteIfExists(temporary);
      if (POSIX) {
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(temporary);
      }
      Files.writeString(temporary, value + "\n", StandardCharsets.US_ASCII);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new KeyStoreUnavailableException("cannot write the key file " + file + ": " + e, e);
    }
  }
}

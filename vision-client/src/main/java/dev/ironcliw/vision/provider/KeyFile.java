package dev.ironcliw.vision.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads an API key from a file named in the config; warns when others may read the file. */
public final class KeyFile {
  private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
  private static final Set<PosixFilePermission> OPEN_TO_OTHERS =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_WRITE);

  private KeyFile() {}

  /**
   * The key in {@code file}, surrounding whitespace removed.
   *
   * @param setting the config key that named the file, for messages
   * @throws IllegalArgumentException naming the setting and the file when it cannot be read or is
   *     empty; the message never holds the file's content
   */
  public static ApiKey read(Path file, String setting) {
    String content;
    try {
      content = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          setting
              + ": cannot read the key file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
    if (content.isBlank()) {
      throw new IllegalArgumentException(
          setting + ": the key file " + file + " is empty, expected the API key");
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(OPEN_TO_OTHERS::contains)) {
        LOG.warn("{}: the key file {} can be read by other users; chmod 600 it", setting, file);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system: nothing to check
    }
    return ApiKey.of(content);
  }
}

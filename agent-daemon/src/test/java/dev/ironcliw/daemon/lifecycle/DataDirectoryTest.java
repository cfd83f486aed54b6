package dev.ironcliw.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The red team's data dir attacks (issue 20, finding 3): a dir another user owns or may write to,
 * and a planted symbolic link for each of the daemon's files. Each is refused before anything in
 * the dir is opened, and the link's target is left as it was.
 */
class DataDirectoryTest {
  @TempDir Path temp;

  private Path dataDir() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("data"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    return dir;
  }

  private static String refusal(Path dir) {
    StartupException e =
        assertThrows(StartupException.class, () -> DataDirectory.openAndLock(dir).close());
    return e.getMessage();
  }

  @Test
  void shouldRefuseAPlantedSymbolicLinkForEachOfItsFiles() throws Exception {
    for (String name : DataDirectory.OWN_FILES) {
      Path dir = dataDir();
      Path target = Files.writeString(temp.resolve("target-" + name), "precious\n");
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
      Files.createSymbolicLink(dir.resolve(name), target);
      String message = refusal(dir);
      assertTrue(message.contains("is a symbolic link"), name + ": " + message);
      assertEquals("precious\n", Files.readString(target), name + ": the target was written");
      assertEquals(
          "rw-r--r--",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(target)),
          name + ": the target was chmod'ed");
      Files.delete(dir.resolve(name));
    }
  }

  @Test
  void shouldRefuseADirOthersMayWriteTo() throws Exception {
    Path dir = dataDir();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    String message = refusal(dir);
    assertTrue(message.contains("may be written by other users"), message);
    assertFalse(Files.exists(dir.resolve("daemon.lock")), "nothing was created in it");
  }

  @Test
  void shouldRefuseADirAndATokenOfAnotherUser() throws Exception {
    NativeRequirement.require(
        "root".equals(System.getProperty("user.name")), NativePiece.ROOT, "chown needs root");
    Path dir = dataDir();
    Files.setAttribute(dir, "unix:uid", 65534);
    assertTrue(refusal(dir).contains("belongs to uid 65534, not to you"));
    Files.setAttribute(dir, "unix:uid", 0);
    Path token = Files.writeString(dir.resolve("api-token"), "f".repeat(64) + "\n");
    Files.setAttribute(token, "unix:uid", 65534);
    assertTrue(refusal(dir).contains("api-token belongs to uid 65534"));
  }

  @Test
  void shouldMakeTheLockFileForItsOwnerOnly() throws Exception {
    Path dir = dataDir();
    try (DataDirectory data = DataDirectory.openAndLock(dir)) {
      assertEquals(dir, data.path());
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("daemon.lock"))));
    }
  }
}

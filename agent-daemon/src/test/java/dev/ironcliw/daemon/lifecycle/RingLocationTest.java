package dev.ironcliw.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Linux the frame ring lives in shared memory, one per data dir in the user's own 0700 dir; a
 * ring left in the data dir is deleted, and so is the ring of a data dir that is gone.
 */
class RingLocationTest {
  @TempDir Path temp;

  @BeforeEach
  void linuxOnly() {
    assumeTrue(Files.isDirectory(Path.of("/dev/shm")), "no /dev/shm on this system");
  }

  @Test
  void shouldPutTheRingInTheUsersOwnSharedMemoryDirAndDeleteTheOneOnDisk() throws Exception {
    Path data = Files.createDirectory(temp.resolve("data"));
    Path onDisk = Files.writeString(data.resolve("frames.ring"), "pixels in clear");
    RingLocation.Chosen chosen = RingLocation.choose(data);
    assertTrue(chosen.inMemory(), chosen.message());
    assertTrue(chosen.file().startsWith(Path.of("/dev/shm")), chosen.file().toString());
    assertEquals(RingLocation.fileFor(data), chosen.file());
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(chosen.file().getParent())));
    assertFalse(Files.exists(onDisk), "the ring on disk is deleted");
    assertTrue(chosen.message().contains("is deleted"), chosen.message());
  }

  @Test
  void shouldDeleteTheRingOfADataDirThatIsGone() throws Exception {
    Path kept = Files.createDirectory(temp.resolve("kept"));
    Path gone = Files.createDirectory(temp.resolve("gone"));
    Path goneRing = RingLocation.choose(gone).file();
    Files.writeString(goneRing, "frames");
    Files.delete(gone);
    Path keptRing = RingLocation.choose(kept).file();
    Files.writeString(keptRing, "frames");
    assertFalse(Files.exists(goneRing), "the ring of a data dir that is gone");
    RingLocation.choose(kept);
    assertTrue(Files.exists(keptRing), "the ring of a data dir that is there");
    Files.delete(keptRing);
  }
}

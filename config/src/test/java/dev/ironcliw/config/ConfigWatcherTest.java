package dev.ironcliw.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
  private final ConfigLoader loader = new ConfigLoader(16L << 30);

  @Test
  void shouldPublishValidChangesAndKeepTheRunningConfigOnInvalidOnes(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("ironcliw.yaml");
    Files.writeString(file, "capture:\n  fps: 10\n");
    IroncliwConfig initial = loader.load(file, true, Map.of());
    List<ConfigChange> changes = new ArrayList<>();
    try (ConfigWatcher watcher =
        new ConfigWatcher(file, loader, Map.of(), initial, Duration.ofSeconds(1))) {
      watcher.subscribe(changes::add);

      Files.writeString(file, "capture:\n  fps: 5\napi:\n  port: 8000\n");
      assertTrue(watcher.checkNow());
      assertEquals(1, changes.size());
      assertEquals(5.0, changes.getFirst().current().capture().framesPerSecond());
      assertEquals(java.util.Set.of("capture.fps"), changes.getFirst().liveKeys());
      assertEquals(java.util.Set.of("api.port"), changes.getFirst().restartKeys());

      Files.writeString(file, "capture:\n  fps: lots\n");
      assertFalse(watcher.checkNow());
      assertEquals(1, changes.size());
      assertEquals(5.0, watcher.current().capture().framesPerSecond());
    }
  }

  @Test
  void shouldKeepTheRunningConfigWhenTheFileIsDeletedUnreadableOrCorrupted(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("ironcliw.yaml");
    Files.writeString(file, "capture:\n  fps: 4\n");
    IroncliwConfig initial = loader.load(file, true, Map.of());
    List<ConfigChange> changes = new ArrayList<>();
    try (ConfigWatcher watcher =
        new ConfigWatcher(file, loader, Map.of(), initial, Duration.ofSeconds(1))) {
      watcher.subscribe(changes::add);
      assertEquals("", watcher.problem());

      Files.delete(file);
      assertFalse(watcher.checkNow(), "a deleted file is not the defaults");
      assertEquals(4.0, watcher.current().capture().framesPerSecond());
      assertEquals("was deleted", watcher.problem());

      Files.createDirectory(file); // a directory where the file was: unreadable
      assertFalse(watcher.checkNow());
      assertTrue(watcher.problem().startsWith("cannot be read"), watcher.problem());
      Files.delete(file);

      Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2, ':', '\n', '\t', '-'});
      assertFalse(watcher.checkNow());
      assertEquals("is not UTF-8 text", watcher.problem());

      Files.writeString(file, "capture:\n  fps: [4\n\t- :\n");
      assertFalse(watcher.checkNow());
      assertTrue(watcher.problem().startsWith("rejected"), watcher.problem());
      assertEquals(4.0, watcher.current().capture().framesPerSecond());
      assertEquals(List.of(), changes);

      Files.writeString(file, "capture:\n  fps: 6\n");
      assertTrue(watcher.checkNow());
      assertEquals("", watcher.problem());
      assertEquals(6.0, watcher.current().capture().framesPerSecond());
    }
  }

  /**
   * A huge file (the red team's 40 MB one held the watcher in the YAML parser for minutes) is not
   * read at all, and the watcher applies the file again once it is restored.
   */
  @Test
  void shouldNotReadAFileOverTheSizeCapAndApplyItOnceItIsRestored(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("ironcliw.yaml");
    Files.writeString(file, "capture:\n  fps: 4\n");
    IroncliwConfig initial = loader.load(file, true, Map.of());
    try (ConfigWatcher watcher =
        new ConfigWatcher(file, loader, Map.of(), initial, Duration.ofSeconds(1))) {
      String huge = "capture:\n  fps: 5\n" + "# padding\n".repeat(300_000); // about 3 MB
      Files.writeString(file, huge);
      assertFalse(watcher.checkNow());
      assertTrue(
          watcher.problem().endsWith("bytes; a configuration file of at most 1024 KiB is read"),
          watcher.problem());
      assertEquals(4.0, watcher.current().capture().framesPerSecond());
      ConfigException atStart =
          org.junit.jupiter.api.Assertions.assertThrows(
              ConfigException.class, () -> loader.load(file, true, Map.of()));
      assertTrue(atStart.getMessage().contains("at most 1024 KiB"), atStart.getMessage());

      Files.writeString(file, "capture:\n  fps: 6\n");
      assertTrue(watcher.checkNow(), "the restored file is applied");
      assertEquals(6.0, watcher.current().capture().framesPerSecond());
      assertEquals("", watcher.problem());
    }
  }

  @Test
  void shouldSetALiveKeyThroughTheApiAndTellWhereEachValueCameFrom(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("ironcliw.yaml");
    Files.writeString(file, "memory:\n  total: 2GiB\n");
    Map<String, String> flags = Map.of("capture.fps", "5");
    IroncliwConfig initial = loader.load(file, true, flags);
    List<ConfigChange> changes = new ArrayList<>();
    try (ConfigWatcher watcher = new ConfigWatcher(file, loader, flags, initial, Duration.ZERO)) {
      watcher.subscribe(changes::add);
      assertEquals(ConfigSource.FILE, initial.sources().get("memory.total"));
      assertEquals(ConfigSource.FLAG, initial.sources().get("capture.fps"));
      assertEquals(ConfigSource.DEFAULT, initial.sources().get("memory.budgets.heap"));

      IroncliwConfig now = watcher.set("memory.budgets.frameRing", "25%");

      assertEquals(512L << 20, now.memory().frameRingBytes());
      assertEquals(ConfigSource.API, now.sources().get("memory.budgets.frameRing"));
      assertEquals(java.util.Set.of("memory.budgets.frameRing"), changes.getLast().liveKeys());

      ConfigException restartOnly =
          assertThrows(ConfigException.class, () -> watcher.set("api.port", "8000"));
      assertTrue(restartOnly.getMessage().contains("takes effect only at a restart"));
      ConfigException tooBig =
          assertThrows(
              ConfigException.class, () -> watcher.set("memory.budgets.frameRing", "3GiB"));
      assertTrue(tooBig.getMessage().contains("is more than memory.total"), tooBig.getMessage());
      assertThrows(ConfigException.class, () -> watcher.set("memory.nope", "1"));
      assertEquals(512L << 20, watcher.current().memory().frameRingBytes());
      assertEquals(1, changes.size());

      Files.writeString(file, "memory:\n  total: 3GiB\n");
      assertTrue(watcher.checkNow());
      assertEquals(3L << 30, watcher.current().memory().totalBytes());
      assertEquals(
          768L << 20,
          watcher.current().memory().frameRingBytes(),
          "the API's 25% stays, of the new total");
    }
  }
}

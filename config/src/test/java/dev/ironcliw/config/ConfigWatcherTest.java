package dev.ironcliw.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GPU engine failing mid-run, for real: the Vulkan engine (lavapipe here) diffs small frames
 * within its 1 MiB buffer budget, then the frames grow and the buffers it needs no longer fit, as
 * on a GPU out of memory. The same frame is diffed on the CPU, the daemon stays there, and status
 * says why.
 */
class DaemonGpuFallbackTest {
  @TempDir Path temp;

  @Test
  void shouldFallBackToTheCpuWhenTheGpuEngineFailsMidRun() throws Exception {
    Path shots = temp.resolve("shots");
    TestImages.noiseShots(shots, 0, 20, 160, 90); // 3 buffers of 56 KiB: within 1 MiB
    TestImages.noiseShots(shots, 20, 40, 640, 360); // 3 of 900 KiB: not
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        """
        capture:
          fps: 20
        memory:
          budgets:
            frameRing: 16MiB
            gpuBuffers: 1MiB
        diff:
          backend: vulkan
        vision:
          provider: none
        """);
    try (DaemonProcess daemon =
        DaemonProcess.start(
                temp.resolve("data"),
                DaemonProcess.freePort(),
                "--config",
                config.toString(),
                "--source",
                "replay:" + shots)
            .awaitReady()) {
      JsonObject onGpu = daemon.status();
      String first = onGpu.getJsonObject("diff").getString("backend");
      NativeRequirement.require(
          !first.contains("vulkan: unavailable ("), NativePiece.VULKAN, first);
      assertTrue(
          onGpu.getJsonObject("diff").getString("backend").startsWith("vulkan ("), onGpu.encode());

      // Capture finishes first; the pipeline may still be judging the last frames.
      JsonObject done =
          daemon.awaitStatus(
              s ->
                  s.getJsonObject("capture").getBoolean("finished")
                      && s.getJsonObject("frames").getLong("processed") >= 60,
              Duration.ofSeconds(60));
      String backend = done.getJsonObject("diff").getString("backend");
      assertTrue(backend.startsWith("cpu-simd"), backend);
      assertTrue(backend.contains("after vulkan"), backend);
      assertTrue(backend.contains("GPU buffers over memory.budgets.gpuBuffers"), backend);
      assertEquals(60, done.getJsonObject("frames").getLong("processed"), "no frame lost");
      assertEquals(60, done.getJsonObject("frames").getJsonObject("byVerdict").getLong("CHANGE"));
      assertTrue(daemon.output().contains("using cpu-simd"), daemon.output());
      assertEquals(0, done.getJsonObject("frames").getLong("analysisErrors"), daemon.output());
      assertEquals(0, daemon.terminate());
    }
  }
}

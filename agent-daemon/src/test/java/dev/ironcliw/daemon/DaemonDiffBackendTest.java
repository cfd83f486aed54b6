package dev.ironcliw.daemon;

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
 * Which diff engine the daemon runs, and that status says so. Whether a device is there is read
 * from the daemon's own status, so no driver is loaded into the test JVM.
 */
class DaemonDiffBackendTest {
  @TempDir Path temp;

  private JsonObject runWith(String backend) throws Exception {
    Path config = temp.resolve(backend + ".yaml");
    Files.writeString(
        config, DaemonProcess.SMALL_DESKTOP_YAML + "diff:\n  backend: " + backend + "\n");
    try (DaemonProcess daemon = DaemonProcess.startSynthetic(temp.resolve(backend), config)) {
      return daemon.awaitStatus(
          s -> s.getJsonObject("frames").getJsonObject("byVerdict").getLong("CHANGE") >= 5,
          Duration.ofSeconds(60));
    }
  }

  @Test
  void shouldDiffWithTheEngineThatMeasuredFastest() throws Exception {
    String backend = runWith("auto").getJsonObject("diff").getString("backend");
    assertTrue(backend.contains("(auto: one 320x180 diff took "), backend);
    String fastest = backend.substring(backend.indexOf("; fastest: ") + "; fastest: ".length());
    if (fastest.startsWith("the CPU engine")) {
      assertTrue(backend.startsWith("cpu-simd"), backend);
    } else {
      // A device won: the daemon loaded it, and it passed its self-test there too.
      assertTrue(backend.startsWith(fastest.substring(0, fastest.indexOf(" ("))), backend);
      assertTrue(backend.endsWith("; self-test passed)"), backend);
    }
  }

  @Test
  void shouldDiffOnVulkanWhenForced() throws Exception {
    String backend = runWith("vulkan").getJsonObject("diff").getString("backend");
    NativeRequirement.require(
        !backend.contains("vulkan: unavailable ("), NativePiece.VULKAN, backend);
    assertTrue(backend.startsWith("vulkan ("), backend);
    assertTrue(backend.contains("self-test passed"), backend);
  }

  @Test
  void shouldDiffOnOpenClWhenForced() throws Exception {
    String backend = runWith("opencl").getJsonObject("diff").getString("backend");
    NativeRequirement.require(!backend.contains("no OpenCL device"), NativePiece.OPENCL, backend);
    assertTrue(backend.startsWith("opencl ("), backend);
    assertTrue(backend.contains("self-test passed"), backend);
  }
}

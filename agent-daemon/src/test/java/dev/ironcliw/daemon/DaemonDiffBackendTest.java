package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  void shouldTryDevicesOnlyWhereTheCpuDiffsCostAShareOfACore() throws Exception {
    // 320x180 at 20 FPS: tens of microseconds a diff, far below a hundredth of a core, unless a
    // busy machine timed the engine before its compiled code came; then the race decides.
    String backend = runWith("auto").getJsonObject("diff").getString("backend");
    Matcher share =
        Pattern.compile(
                "\\(auto: one 320x180 diff took [0-9.]+ ms on cpu-simd \\([^)]+\\), ([0-9.]+)% of a"
                    + " core at 20 diffs a second; no device tried \\(one could save less than"
                    + " 1%\\)\\)$")
            .matcher(backend);
    if (share.find()) {
      assertTrue(backend.startsWith("cpu-simd"), backend);
      assertTrue(backend.contains("threads), " + DiffEngines.WRITER_DIFFS + " (auto: "), backend);
      assertTrue(Double.parseDouble(share.group(1)) < 1, backend);
      return;
    }
    assertTrue(backend.contains("(auto: one 320x180 diff took "), backend);
    assertTrue(backend.contains(" (timed in a child process)"), backend);
    String fastest = backend.substring(backend.indexOf("; fastest: ") + "; fastest: ".length());
    if (fastest.startsWith("the CPU engine")) {
      assertTrue(backend.startsWith("cpu-simd"), backend);
      assertTrue(backend.contains(DiffEngines.WRITER_DIFFS), backend);
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

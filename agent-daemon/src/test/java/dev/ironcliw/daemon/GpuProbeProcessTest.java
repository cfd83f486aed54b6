package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.DiffSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GpuProbeProcessTest {
  @Test
  void theChildAnswersAndTheDriversStayOutOfThisProcess() {
    Set<String> before = MappedLibraries.paths();

    GpuProbeProcess.Outcome outcome = GpuProbeProcess.run(new DiffSettings("auto", 1, 32, 1024));

    assertTrue(
        outcome.reason().endsWith(" (probed in a child process)"),
        "the child did not answer: " + outcome.reason());
    assertTrue(
        outcome.gpuFound()
            ? outcome.reason().contains("self-test passed")
            : outcome.reason().contains("CPU engine"),
        outcome.reason());
    Set<String> loaded = new HashSet<>(MappedLibraries.paths());
    loaded.removeAll(before);
    List<String> drivers =
        loaded.stream().filter(path -> path.matches(".*(OpenCL|vulkan|LLVM|pocl|lvp).*")).toList();
    assertEquals(List.of(), drivers, "the probe loaded drivers into the test's JVM");
  }

  @Test
  void anAnswerAfterOtherOutputIsTaken() {
    GpuProbeProcess.Outcome outcome =
        GpuProbeProcess.parse(
            0, "WARNING: something the JVM says\ncpu\tauto: no OpenCL device; CPU engine\n");

    assertFalse(outcome.gpuFound());
    assertEquals(
        "auto: no OpenCL device; CPU engine (probed in a child process)", outcome.reason());
    assertTrue(GpuProbeProcess.parse(0, "gpu\tauto: a GPU; self-test passed").gpuFound());
  }

  @Test
  void aChildThatCrashedLeavesTheCpuEngineWithItsLastLine() {
    GpuProbeProcess.Outcome outcome =
        GpuProbeProcess.parse(
            134, "cpu\tauto: half an answer\n# A fatal error has been detected\n\n");

    assertFalse(outcome.gpuFound());
    assertEquals(
        "auto: the GPU probe (a child process) failed with exit status 134 (# A fatal error has"
            + " been detected); CPU engine",
        outcome.reason());
    assertTrue(GpuProbeProcess.parse(1, "").reason().contains("(no output)"));
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.DiffSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GpuProbeProcessTest {
  /** An engine's figure in the race's reason: its time per diff, then its kind. */
  private static final Pattern FIGURE = Pattern.compile("([0-9.]+) ms on ([a-z-]+) \\(");

  @Test
  void theChildTimesTheEnginesAndTheDriversStayOutOfThisProcess() {
    Set<String> before = MappedLibraries.paths();

    DiffEngines.Race race = GpuProbeProcess.run(new DiffSettings("auto", 1, 32, 1024), 640, 360);

    assertTrue(
        race.reason().endsWith(" (timed in a child process)"),
        "the child did not answer: " + race.reason());
    assertTrue(race.reason().startsWith("auto: one 640x360 diff took "), race.reason());
    assertTrue(race.reason().contains(" ms on cpu-simd ("), race.reason());
    // Every engine that ran has its time; the winner is the one with the least.
    Matcher figures = FIGURE.matcher(race.reason());
    double cpu = Double.NaN;
    double fastest = Double.MAX_VALUE;
    String fastestName = "";
    while (figures.find()) {
      double millis = Double.parseDouble(figures.group(1));
      if (figures.group(2).equals("cpu-simd")) {
        cpu = millis;
      }
      if (millis < fastest) {
        fastest = millis;
        fastestName = figures.group(2);
      }
    }
    assertTrue(cpu > 0, race.reason());
    // The winner: the least time, a device's only when clearly less than the CPU engine's.
    boolean deviceWins =
        !fastestName.equals("cpu-simd") && fastest * DiffEngines.CLEAR_MARGIN < cpu;
    assertEquals(deviceWins ? fastestName : DiffEngines.CPU, winnerKind(race), race.reason());
    Set<String> loaded = new HashSet<>(MappedLibraries.paths());
    loaded.removeAll(before);
    List<String> drivers =
        loaded.stream().filter(path -> path.matches(".*(OpenCL|vulkan|LLVM|pocl|lvp).*")).toList();
    assertEquals(List.of(), drivers, "the race loaded drivers into the test's JVM");
  }

  /** cpu, vulkan or opencl: the winner without its device index. */
  private static String winnerKind(DiffEngines.Race race) {
    return race.winner().startsWith(DiffEngines.OPENCL) ? "opencl" : race.winner();
  }

  @Test
  void anAnswerAfterOtherOutputIsTaken() {
    DiffEngines.Race race =
        GpuProbeProcess.parse(
            0,
            "WARNING: something the JVM says\n"
                + "opencl:1\tauto: one 1920x1080 diff took 2.00 ms on cpu-simd\n");

    assertEquals("opencl:1", race.winner());
    assertEquals(
        "auto: one 1920x1080 diff took 2.00 ms on cpu-simd (timed in a child process)",
        race.reason());
    assertEquals("vulkan", GpuProbeProcess.parse(0, "vulkan\tauto: fastest").winner());
    assertEquals("cpu", GpuProbeProcess.parse(0, "cpu\tauto: fastest").winner());
    assertEquals("cpu", GpuProbeProcess.parse(0, "opencl:x\tauto: a broken line").winner());
  }

  @Test
  void aChildThatCrashedLeavesTheCpuEngineWithItsLastLine() {
    DiffEngines.Race race =
        GpuProbeProcess.parse(
            134, "vulkan\tauto: half an answer\n# A fatal error has been detected\n\n");

    assertEquals(DiffEngines.CPU, race.winner());
    assertEquals(
        "auto: the timing child failed with exit status 134 (# A fatal error has been detected);"
            + " CPU engine",
        race.reason());
    assertTrue(GpuProbeProcess.parse(1, "").reason().contains("(no output)"));
  }
}

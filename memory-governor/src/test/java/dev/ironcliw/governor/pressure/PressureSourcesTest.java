package dev.ironcliw.governor.pressure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each pressure source driven through the levels by files and values the test writes. */
class PressureSourcesTest {
  @TempDir Path dir;

  private void meminfo(long totalKib, long availableKib) throws Exception {
    Files.writeString(
        dir.resolve("meminfo"),
        "MemTotal:       "
            + totalKib
            + " kB\nMemFree:          1000 kB\nMemAvailable:   "
            + availableKib
            + " kB\nBuffers:            10 kB\n");
  }

  private void psi(double some, double full) throws Exception {
    Files.createDirectories(dir.resolve("pressure"));
    Files.writeString(
        dir.resolve("pressure/memory"),
        "some avg10="
            + some
            + " avg60=0.00 avg300=0.00 total=123\nfull avg10="
            + full
            + " avg60=0.00 avg300=0.00 total=45\n");
  }

  private PressureLevel linux() {
    return new LinuxMemoryPressure(dir).read().level();
  }

  @Test
  void shouldRaiseTheLinuxLevelWithTheShareOfMemoryNotAvailable() throws Exception {
    psi(0, 0);
    meminfo(1_000_000, 200_000);
    assertEquals(PressureLevel.LOW, linux(), "80% in use is normal for a desktop");
    meminfo(1_000_000, 120_000);
    assertEquals(PressureLevel.MEDIUM, linux());
    meminfo(1_000_000, 60_000);
    assertEquals(PressureLevel.HIGH, linux());
    meminfo(1_000_000, 20_000);
    assertEquals(PressureLevel.CRITICAL, linux());
  }

  @Test
  void shouldRaiseTheLinuxLevelWithMemoryStalls() throws Exception {
    meminfo(1_000_000, 900_000);
    psi(12.5, 0);
    assertEquals(PressureLevel.MEDIUM, linux());
    psi(40, 6);
    assertEquals(PressureLevel.HIGH, linux());
    psi(80, 25.5);
    PressureReading reading = new LinuxMemoryPressure(dir).read();
    assertEquals(PressureLevel.CRITICAL, reading.level());
    assertTrue(reading.detail().contains("PSI some 80.0% full 25.5%"), reading.detail());
  }

  @Test
  void shouldSayLowAndWhyWhenLinuxFilesAreMissing() {
    PressureReading reading = new LinuxMemoryPressure(dir).read();
    assertEquals(PressureLevel.LOW, reading.level());
    assertTrue(reading.detail().contains("no /proc/meminfo"), reading.detail());
    assertTrue(reading.detail().contains("no PSI"), reading.detail());
  }

  @Test
  void shouldReadTheCgroupLimitAndUsage() throws Exception {
    Path cgroup = Files.createDirectories(dir.resolve("sys/fs/cgroup/user.slice/ironcliw.scope"));
    CgroupMemoryPressure source =
        new CgroupMemoryPressure(cgroup, () -> PressureThresholds.DEFAULT);
    Files.writeString(cgroup.resolve("memory.max"), "max\n");
    Files.writeString(cgroup.resolve("memory.current"), "734003200\n");
    assertEquals(PressureLevel.LOW, source.read().level());
    Files.writeString(cgroup.resolve("memory.max"), "1073741824\n");
    assertEquals(PressureLevel.MEDIUM, source.read().level(), "700 of 1024 MiB");
    Files.writeString(cgroup.resolve("memory.current"), "800000000\n");
    assertEquals(PressureLevel.HIGH, source.read().level());
    Files.writeString(cgroup.resolve("memory.current"), "1000000000\n");
    PressureReading reading = source.read();
    assertEquals(PressureLevel.CRITICAL, reading.level());
    assertEquals("memory.current 953 of memory.max 1024 MiB", reading.detail());

    Path procCgroup = Files.writeString(dir.resolve("cgroup"), "0::/user.slice/ironcliw.scope\n");
    assertEquals(
        Optional.of(cgroup),
        CgroupMemoryPressure.directoryOf(procCgroup, dir.resolve("sys/fs/cgroup")));
    Path v1 = Files.writeString(dir.resolve("cgroup-v1"), "4:memory:/docker/abc\n1:cpu:/\n");
    assertEquals(
        Optional.empty(), CgroupMemoryPressure.directoryOf(v1, dir.resolve("sys/fs/cgroup")));
  }

  @Test
  void shouldRaiseTheBudgetLevelWithTheFullestComponent() {
    dev.ironcliw.governor.BudgetRegistry budgets =
        new dev.ironcliw.governor.BudgetRegistry(
            1000, Map.of("ring", 400L, "dedup", 100L, "bloom", 100L));
    var thresholds = new java.util.concurrent.atomic.AtomicReference<>(PressureThresholds.DEFAULT);
    BudgetPressure source =
        new BudgetPressure(budgets, java.util.Set.of("ring", "dedup"), thresholds::get);
    var bloom = budgets.reserve("bloom", 100);
    assertEquals(
        PressureLevel.LOW, source.read().level(), "a full unwatched budget is no pressure");
    bloom.close();
    var ring = budgets.reserve("ring", 300);
    assertEquals(PressureLevel.HIGH, source.read().level(), "ring at 75%");
    var dedup = budgets.reserve("dedup", 95);
    PressureReading reading = source.read();
    assertEquals(PressureLevel.CRITICAL, reading.level());
    assertEquals("fullest dedup at 95%", reading.detail());
    thresholds.set(new PressureThresholds(0.96, 0.98, 0.99));
    assertEquals(PressureLevel.LOW, source.read().level(), "thresholds changed while running");
    ring.close();
    dedup.close();
    assertEquals(PressureLevel.LOW, source.read().level());
  }

  @Test
  void shouldMapTheMacKernelLevel() {
    Map<Integer, PressureLevel> expected =
        Map.of(1, PressureLevel.LOW, 2, PressureLevel.HIGH, 4, PressureLevel.CRITICAL);
    expected.forEach(
        (value, level) ->
            assertEquals(
                level, new MacMemoryPressure(name -> OptionalInt.of(value)).read().level()));
    PressureReading unreadable = new MacMemoryPressure(name -> OptionalInt.empty()).read();
    assertEquals(PressureLevel.LOW, unreadable.level());
    assertTrue(unreadable.detail().contains("not readable"));
  }

  @Test
  void shouldFollowTheHeapHeldAfterCollection() {
    // The tests run with -Xmx1g: a quarter of it held is HIGH at these thresholds.
    PressureThresholds thresholds = new PressureThresholds(0.1, 0.2, 0.5);
    HeapPressure heap = new HeapPressure(() -> thresholds, Long.MAX_VALUE);
    long quarter = Runtime.getRuntime().maxMemory() / 4;
    // 256 KiB pieces: a piece of half a G1 region or more would take whole regions of its own.
    byte[][] held = new byte[(int) (quarter >> 18)][];
    for (int i = 0; i < held.length; i++) {
      held[i] = new byte[1 << 18];
    }
    System.gc();
    PressureReading pressed = heap.read();
    assertEquals(PressureLevel.HIGH, pressed.level(), pressed.detail());
    held = null;
    System.gc();
    PressureReading released = heap.read();
    assertTrue(
        released.level().compareTo(PressureLevel.MEDIUM) <= 0,
        "after release: " + released.detail());
  }
}

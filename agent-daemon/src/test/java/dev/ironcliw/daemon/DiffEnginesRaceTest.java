package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.DiffSettings;
import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.GpuBufferBudget;
import dev.ironcliw.diff.ScalarTileDiffEngine;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.TileDiff;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** {@code diff.backend: auto} takes the engine that measured fastest, whatever its device type. */
class DiffEnginesRaceTest {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;

  /** A device engine as fast or as slow as told: the CPU engine's answer, after a wait. */
  private static final class TimedEngine implements DiffEngine {
    private final DiffEngine answers = new ScalarTileDiffEngine(32, 1024);
    private final String name;
    private final long waitNanos;
    final AtomicBoolean closed = new AtomicBoolean();

    TimedEngine(String name, long waitNanos) {
      this.name = name;
      this.waitNanos = waitNanos;
    }

    @Override
    public String backend() {
      return name + " (a test device)";
    }

    @Override
    public TileDiff diff(FrameView previous, FrameView current, List<Rect> damage) {
      TileDiff diff = waitNanos > 0 ? answers.diff(previous, current, damage) : null;
      LockSupport.parkNanos(waitNanos);
      return diff;
    }

    @Override
    public void setTileThreshold(long threshold) {}

    @Override
    public long tileThreshold() {
      return 0;
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  private static DiffEngines.Entrant entrant(String id, DiffEngine engine) {
    return new DiffEngines.Entrant(id, () -> new DiffEngines.Started(engine, budget -> {}, null));
  }

  @Test
  void aDeviceFasterThanTheCpuWinsWhateverItsType() {
    TimedEngine slow = new TimedEngine("opencl", 50_000_000L);
    TimedEngine fast = new TimedEngine("vulkan", 0);

    DiffEngines.Race race =
        DiffEngines.fastest(
            WIDTH,
            HEIGHT,
            new ScalarTileDiffEngine(32, 1024),
            List.of(entrant("opencl:0", slow), entrant(DiffEngines.VULKAN, fast)),
            List.of());

    assertEquals(DiffEngines.VULKAN, race.winner(), race.reason());
    assertTrue(race.reason().startsWith("auto: one 640x360 diff took "), race.reason());
    assertTrue(race.reason().contains(" ms on opencl (a test device)"), race.reason());
    assertTrue(race.reason().endsWith("; fastest: vulkan (a test device)"), race.reason());
    assertTrue(slow.closed.get() && fast.closed.get(), "the race closes its entrants");
  }

  @Test
  void theCpuKeepsTheFramesWhenEveryDeviceIsSlowerOrFailed() {
    TimedEngine slow = new TimedEngine("vulkan", 50_000_000L);
    DiffEngines.Started failed =
        new DiffEngines.Started(
            null, null, "opencl (x) failed its self-test (tile 3: 1 instead of 2)");

    DiffEngines.Race race =
        DiffEngines.fastest(
            WIDTH,
            HEIGHT,
            new ScalarTileDiffEngine(32, 1024),
            List.of(
                new DiffEngines.Entrant("opencl:0", () -> failed),
                entrant(DiffEngines.VULKAN, slow)),
            List.of("no other device"));

    assertEquals(DiffEngines.CPU, race.winner(), race.reason());
    assertTrue(race.reason().contains(" ms on cpu-scalar, "), race.reason());
    assertTrue(
        race.reason().contains(", no other device, opencl (x) failed its self-test"),
        race.reason());
    assertTrue(race.reason().endsWith("; fastest: the CPU engine"), race.reason());
  }

  @Test
  void diffsThatCostAShareOfACoreSendTheChoiceToTheRace() {
    // A million diffs a second: whatever the CPU engine takes here is a share worth a device.
    DiffEngines.Choice choice =
        DiffEngines.select(
            new DiffSettings("auto", 1, 32, 1024),
            320,
            180,
            1e6,
            new GpuBufferBudget(OffHeapBudget.unlimited()));
    try (DiffEngine engine = choice.engine()) {
      String reason = choice.reason();
      assertTrue(reason.startsWith("auto: one 320x180 diff took "), reason);
      assertTrue(reason.contains(" (timed in a child process)"), reason);
      String fastest = reason.substring(reason.indexOf("; fastest: ") + "; fastest: ".length());
      if (fastest.startsWith("the CPU engine")) {
        assertTrue(engine.backend().startsWith("cpu-simd"), engine.backend());
      } else {
        // A device won: this JVM loaded it, and it passed its self-test here too.
        assertTrue(engine.backend().startsWith(fastest.substring(0, fastest.indexOf(" ("))));
        assertTrue(reason.endsWith("; self-test passed"), reason);
      }
    }
  }
}

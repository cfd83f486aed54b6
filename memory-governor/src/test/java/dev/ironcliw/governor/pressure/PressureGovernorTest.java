package dev.ironcliw.governor.pressure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PressureGovernorTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong();
  private final AtomicReference<PressureLevel> os = new AtomicReference<>(PressureLevel.LOW);
  private final AtomicReference<PressureLevel> heap = new AtomicReference<>(PressureLevel.LOW);
  private final List<PressureGovernor.LevelChange> changes = new ArrayList<>();
  private final PressureGovernor governor =
      new PressureGovernor(
          List.of(
              () -> new PressureReading("os", os.get(), ""),
              () -> new PressureReading("heap", heap.get(), "")),
          Duration.ofSeconds(10),
          clock::get);

  {
    governor.onChange(changes::add);
  }

  private PressureLevel at(long seconds) {
    clock.set(seconds * SECOND);
    return governor.evaluate();
  }

  @Test
  void shouldTakeTheHighestSourceAtOnce() {
    heap.set(PressureLevel.MEDIUM);
    assertEquals(PressureLevel.MEDIUM, at(0));
    os.set(PressureLevel.CRITICAL);
    assertEquals(PressureLevel.CRITICAL, at(1));
    assertEquals(2, changes.size());
    assertEquals(PressureLevel.MEDIUM, changes.get(1).from());
    assertEquals(2, changes.get(1).readings().size());
  }

  @Test
  void shouldFallOnlyAfterTheDwellAndNotFlap() {
    os.set(PressureLevel.HIGH);
    at(0);
    os.set(PressureLevel.LOW);
    assertEquals(PressureLevel.HIGH, at(1));
    os.set(PressureLevel.HIGH); // back up before the dwell is over: the wait starts again
    assertEquals(PressureLevel.HIGH, at(5));
    os.set(PressureLevel.LOW);
    assertEquals(PressureLevel.HIGH, at(6));
    assertEquals(PressureLevel.HIGH, at(15));
    os.set(PressureLevel.MEDIUM);
    assertEquals(PressureLevel.MEDIUM, at(16), "10 s below HIGH: to the highest reading since");
    os.set(PressureLevel.LOW);
    assertEquals(PressureLevel.MEDIUM, at(20));
    assertEquals(PressureLevel.LOW, at(30));
    assertEquals(
        List.of(PressureLevel.HIGH, PressureLevel.MEDIUM, PressureLevel.LOW),
        changes.stream().map(PressureGovernor.LevelChange::to).toList());
  }
}

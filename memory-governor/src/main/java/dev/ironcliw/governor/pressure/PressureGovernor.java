package dev.ironcliw.governor.pressure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Combines the sources into one level, the highest any of them reports. A rise applies at once; a
 * fall only once every reading for {@code dwell} has been below the current level, and then to the
 * highest of those readings, so a level that wavers around a threshold does not flap. Thread-safe.
 */
public final class PressureGovernor {
  /** One change of level and the readings that made it. */
  public record LevelChange(
      PressureLevel from, PressureLevel to, List<PressureReading> readings, long atNanos) {}

  private final List<PressureSource> sources;
  private volatile long dwellNanos;
  private final LongSupplier nanoClock;
  private final List<Consumer<LevelChange>> listeners = new CopyOnWriteArrayList<>();
  private PressureLevel level = PressureLevel.LOW;
  private List<PressureReading> lastReadings = List.of();

  /** When the readings first went below the level, or -1 while they are not below it. */
  private long belowSinceNanos = -1;

  /** The highest reading since then. */
  private PressureLevel highestBelow = PressureLevel.LOW;

  public PressureGovernor(List<PressureSource> sources, Duration dwell, LongSupplier nanoClock) {
    this.sources = List.copyOf(sources);
    this.dwellNanos = dwell.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Called with every change, on the thread that evaluated. */
  public void onChange(Consumer<LevelChange> listener) {
    listeners.add(listener);
  }

  /** Reads every source and moves the level if it should; returns the level. */
  public PressureLevel evaluate() {
    List<PressureReading> readings = new ArrayList<>(sources.size());
    PressureLevel target = PressureLevel.LOW;
    for (PressureSource source : sources) {
      PressureReading reading = source.read();
      readings.add(reading);
      target = PressureLevel.max(target, reading.level());
    }
    LevelChange change = null;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      lastReadings = List.copyOf(readings);
      PressureLevel from = level;
      if (target.compareTo(level) >= 0) {
        level = target;
        belowSinceNanos = -1;
      } else if (belowSinceNanos < 0) {
        belowSinceNanos = now;
        highestBelow = target;
      } else {
        highestBelow = PressureLevel.max(highestBelow, target);
        if (now - belowSinceNanos >= dwellNanos) {
          level = highestBelow;
          // The new level must itself hold for a dwell before the next step down.
          belowSinceNanos = target.compareTo(level) < 0 ? now : -1;
          highestBelow = target;
        }
      }
      if (level != from) {
        change = new LevelChange(from, level, lastReadings, now);
      }
    }
    if (change != null) {
      for (Consumer<LevelChange> listener : listeners) {
        listener.accept(change);
      }
    }
    return change == null ? currentLevel() : change.to();
  }

  public synchronized PressureLevel currentLevel() {
    return level;
  }

  public synchronized List<PressureReading> lastReadings() {
    return lastReadings;
  }

  /** From the next evaluation on, a fall waits for {@code dwell}. */
  public void setDwell(Duration dwell) {
    dwellNanos = dwell.toNanos();
  }
}

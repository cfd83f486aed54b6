package dev.ironcliw.governor.pressure;

/** How hard memory is pressed, from nothing to do to stop everything that can stop. */
public enum PressureLevel {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public static PressureLevel max(PressureLevel a, PressureLevel b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}

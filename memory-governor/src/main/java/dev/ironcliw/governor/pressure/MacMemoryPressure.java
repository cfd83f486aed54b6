package dev.ironcliw.governor.pressure;

import java.util.OptionalInt;

/**
 * The whole machine on macOS: the kernel's own pressure level, {@code
 * kern.memorystatus_vm_pressure_level} (1 normal, 2 warning, 4 critical), the same signal that
 * makes apps receive memory warnings. Warning is HIGH, critical is CRITICAL.
 */
public final class MacMemoryPressure implements PressureSource {
  static final String LEVEL_NAME = "kern.memorystatus_vm_pressure_level";
  private static final int WARNING = 2;
  private static final int CRITICAL = 4;

  private final Sysctl sysctl;

  public MacMemoryPressure(Sysctl sysctl) {
    this.sysctl = sysctl;
  }

  @Override
  public PressureReading read() {
    OptionalInt value = sysctl.intValue(LEVEL_NAME);
    if (value.isEmpty()) {
      return new PressureReading("macos", PressureLevel.LOW, LEVEL_NAME + " not readable");
    }
    PressureLevel level =
        switch (value.getAsInt()) {
          case CRITICAL -> PressureLevel.CRITICAL;
          case WARNING -> PressureLevel.HIGH;
          default -> PressureLevel.LOW;
        };
    return new PressureReading("macos", level, LEVEL_NAME + " = " + value.getAsInt());
  }
}

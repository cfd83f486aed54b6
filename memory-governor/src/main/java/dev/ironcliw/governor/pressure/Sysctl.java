package dev.ironcliw.governor.pressure;

import java.util.OptionalInt;

/** Reads an integer kernel value by name, as macOS's {@code sysctlbyname} does. */
public interface Sysctl {
  /** The value, or empty when the name is unknown or cannot be read. */
  OptionalInt intValue(String name);
}

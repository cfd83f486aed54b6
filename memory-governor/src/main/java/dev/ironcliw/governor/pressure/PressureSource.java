package dev.ironcliw.governor.pressure;

/** Something that says how pressed memory is: the OS, a cgroup, the JVM heap, the budgets. */
public interface PressureSource {
  /** The current reading; never throws: a source that cannot read says LOW and why. */
  PressureReading read();
}

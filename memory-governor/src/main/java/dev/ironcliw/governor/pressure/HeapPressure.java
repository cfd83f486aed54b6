package dev.ironcliw.governor.pressure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The JVM heap as the collector left it: the heap pools' usage after their last collection against
 * the maximum heap. Usage before a collection says little (garbage not yet collected); usage after
 * it is what the daemon really holds.
 */
public final class HeapPressure implements PressureSource {
  private final PressureThresholds thresholds;

  public HeapPressure(PressureThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public PressureReading read() {
    long usedAfterGc = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        MemoryUsage afterGc = pool.getCollectionUsage();
        if (afterGc != null) {
          usedAfterGc += afterGc.getUsed();
        }
      }
    }
    long max = Runtime.getRuntime().maxMemory();
    return new PressureReading(
        "heap",
        thresholds.levelOf(usedAfterGc, max),
        "after the last collection " + (usedAfterGc >> 20) + " of " + (max >> 20) + " MiB");
  }
}

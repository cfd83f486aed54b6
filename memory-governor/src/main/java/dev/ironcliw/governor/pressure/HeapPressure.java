package dev.ironcliw.governor.pressure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.function.Supplier;

/**
 * The JVM heap as the collector left it: the heap pools' usage after their last collection against
 * the heap budget (or the maximum heap, when that is smaller). Usage before a collection says
 * little (garbage not yet collected); usage after it is what the daemon really holds.
 */
public final class HeapPressure implements PressureSource {
  private final Supplier<PressureThresholds> thresholds;
  private final long limitBytes;

  /** The heap pools, looked up once: a JVM's pools stay for its life, and a lookup is costly. */
  private final List<MemoryPoolMXBean> heapPools;

  /**
   * @param thresholds read at every reading, so a live change applies
   * @param budgetBytes {@code memory.budgets.heap}
   */
  public HeapPressure(Supplier<PressureThresholds> thresholds, long budgetBytes) {
    this.thresholds = thresholds;
    this.limitBytes = Math.min(budgetBytes, Runtime.getRuntime().maxMemory());
    this.heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
  }

  @Override
  public PressureReading read() {
    long usedAfterGc = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      if (pool.isValid()) {
        MemoryUsage afterGc = pool.getCollectionUsage();
        if (afterGc != null) {
          usedAfterGc += afterGc.getUsed();
        }
      }
    }
    return new PressureReading(
        "heap",
        thresholds.get().levelOf(usedAfterGc, limitBytes),
        "after the last collection " + (usedAfterGc >> 20) + " of " + (limitBytes >> 20) + " MiB");
  }
}

package dev.ironcliw.governor;

import dev.ironcliw.ring.BudgetExceededException;
import dev.ironcliw.ring.OffHeapBudget;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every off-heap reservation against its component's budget and against the total. The one
 * place the daemon's off-heap memory is accounted; thread-safe.
 */
public final class BudgetRegistry implements OffHeapBudget {
  private final long totalBytes;
  private final Map<String, Long> budgets;
  private final Map<String, AtomicLong> used = new ConcurrentHashMap<>();
  private final AtomicLong usedTotal = new AtomicLong();

  /**
   * @param totalBytes the cap on all components together
   * @param budgets bytes per component; a component not named here cannot reserve
   */
  public BudgetRegistry(long totalBytes, Map<String, Long> budgets) {
    this.totalBytes = totalBytes;
    this.budgets = Map.copyOf(budgets);
  }

  @Override
  public synchronized Reservation reserve(String component, long bytes) {
    Long budget = budgets.get(component);
    if (budget == null) {
      throw new IllegalArgumentException("no memory budget for component " + component);
    }
    AtomicLong componentUsed = used.computeIfAbsent(component, c -> new AtomicLong());
    long remaining = budget - componentUsed.get();
    if (bytes > remaining) {
      throw new BudgetExceededException(component, bytes, remaining, budget);
    }
    long totalRemaining = totalBytes - usedTotal.get();
    if (bytes > totalRemaining) {
      throw new BudgetExceededException("memory.total", bytes, totalRemaining, totalBytes);
    }
    componentUsed.addAndGet(bytes);
    usedTotal.addAndGet(bytes);
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        componentUsed.addAndGet(-bytes);
        usedTotal.addAndGet(-bytes);
      }
    };
  }

  /** Bytes in use per component now, sorted by name. */
  public Map<String, Long> usedBytes() {
    Map<String, Long> snapshot = new TreeMap<>();
    budgets.keySet().forEach(c -> snapshot.put(c, used.getOrDefault(c, new AtomicLong()).get()));
    return snapshot;
  }

  public Map<String, Long> budgetBytes() {
    return new TreeMap<>(budgets);
  }

  public long totalBytes() {
    return totalBytes;
  }

  public long usedTotalBytes() {
    return usedTotal.get();
  }
}

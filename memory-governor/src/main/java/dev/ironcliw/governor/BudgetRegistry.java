package dev.ironcliw.governor;

import dev.ironcliw.ring.BudgetExceededException;
import dev.ironcliw.ring.OffHeapBudget;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every off-heap reservation against its component's budget and against the total. The one
 * place the daemon's off-heap memory is accounted; thread-safe.
 */
public final class BudgetRegistry implements OffHeapBudget {
  private volatile long totalBytes;
  private final Map<String, Long> budgets;
  private final Map<String, AtomicLong> used = new ConcurrentHashMap<>();
  private final AtomicLong usedTotal = new AtomicLong();

  /**
   * @param totalBytes the cap on all components together
   * @param budgets bytes per component; a component not named here cannot reserve
   */
  public BudgetRegistry(long totalBytes, Map<String, Long> budgets) {
    this.totalBytes = totalBytes;
    this.budgets = new ConcurrentHashMap<>(budgets);
  }

  @Override
  public synchronized Reservation reserve(String component, long bytes) {
    AtomicLong componentUsed = componentUsed(component);
    requireRoom(component, componentUsed, bytes);
    componentUsed.addAndGet(bytes);
    usedTotal.addAndGet(bytes);
    return new Held(component, componentUsed, bytes);
  }

  private AtomicLong componentUsed(String component) {
    if (!budgets.containsKey(component)) {
      throw new IllegalArgumentException("no memory budget for component " + component);
    }
    return used.computeIfAbsent(component, c -> new AtomicLong());
  }

  private void requireRoom(String component, AtomicLong componentUsed, long bytes) {
    long budget = budgets.get(component);
    long remaining = budget - componentUsed.get();
    if (bytes > remaining) {
      throw new BudgetExceededException(component, bytes, Math.max(0, remaining), budget);
    }
    long totalRemaining = totalBytes - usedTotal.get();
    if (bytes > totalRemaining) {
      throw new BudgetExceededException(
          "memory.total", bytes, Math.max(0, totalRemaining), totalBytes);
    }
  }

  /**
   * Changes a component's budget, and the total, for reservations made from now on; what is held
   * stays held, so usage may be over the new budget until its holder shrinks.
   *
   * @throws IllegalArgumentException for a component that has no budget
   */
  public synchronized void setBudgets(long totalBytes, Map<String, Long> changed) {
    for (String component : changed.keySet()) {
      if (!budgets.containsKey(component)) {
        throw new IllegalArgumentException("no memory budget for component " + component);
      }
    }
    this.totalBytes = totalBytes;
    budgets.putAll(changed);
  }

  /** One reservation; resized and released under the registry's lock. */
  private final class Held implements Reservation {
    private final String component;
    private final AtomicLong componentUsed;
    private long bytes;
    private boolean released;

    Held(String component, AtomicLong componentUsed, long bytes) {
      this.component = component;
      this.componentUsed = componentUsed;
      this.bytes = bytes;
    }

    @Override
    public void resize(long newBytes) {
      synchronized (BudgetRegistry.this) {
        if (released) {
          throw new IllegalStateException(component + " reservation already released");
        }
        long delta = newBytes - bytes;
        if (delta > 0) {
          requireRoom(component, componentUsed, delta);
        }
        componentUsed.addAndGet(delta);
        usedTotal.addAndGet(delta);
        bytes = newBytes;
      }
    }

    @Override
    public void close() {
      synchronized (BudgetRegistry.this) {
        if (!released) {
          released = true;
          componentUsed.addAndGet(-bytes);
          usedTotal.addAndGet(-bytes);
        }
      }
    }
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

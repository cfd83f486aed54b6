package dev.ironcliw.daemon.status;

import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.daemon.pressure.MemoryPressureMonitor;
import dev.ironcliw.governor.BudgetRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.function.Supplier;

/**
 * Status {@code memory}: the budgets and what they hold, the heap, the process's resident memory,
 * and the pressure level with what each source read and what the daemon does about it. Read first
 * (see {@link StatusPart#readFirst()}).
 */
public final class MemoryPart implements StatusPart {
  private final Supplier<IroncliwConfig> config;
  private final BudgetRegistry budgets;
  private final MemoryPressureMonitor pressure;

  public MemoryPart(
      Supplier<IroncliwConfig> config, BudgetRegistry budgets, MemoryPressureMonitor pressure) {
    this.config = config;
    this.budgets = budgets;
    this.pressure = pressure;
  }

  @Override
  public String key() {
    return "memory";
  }

  @Override
  public boolean readFirst() {
    return true;
  }

  @Override
  public JsonObject toJson(long nowNanos) {
    JsonObject pressure = pressure(); // first: see readFirst
    JsonObject used = new JsonObject();
    budgets.usedBytes().forEach(used::put);
    JsonObject limits = new JsonObject();
    budgets.budgetBytes().forEach(limits::put);
    // Committed heap is resident memory the collector took and may keep: it explains RSS growth
    // that is not a leak (G1 grows the heap with the allocation rate, up to the budget).
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new JsonObject()
        .put("totalBytes", config.get().memory().totalBytes())
        .put("offHeapTotalBytes", budgets.totalBytes())
        .put("heapBudgetBytes", config.get().memory().heapBytes())
        .put("heapUsedBytes", heap.getUsed())
        .put("heapCommittedBytes", heap.getCommitted())
        .put("process", ProcessMemory.read())
        .put("budgetBytes", limits)
        .put("usedBytes", used)
        .put("pressure", pressure);
  }

  private JsonObject pressure() {
    JsonArray readings = new JsonArray();
    for (var r : pressure.readings()) {
      readings.add(
          new JsonObject()
              .put("source", r.source())
              .put("level", r.level().name())
              .put("detail", r.detail()));
    }
    return new JsonObject()
        .put("level", pressure.level().name())
        .put("readings", readings)
        .put("actions", new JsonArray(pressure.actions()))
        .put("levelChanges", pressure.changes());
  }
}

package dev.ironcliw.daemon.status;

import dev.ironcliw.config.schema.PressureActionNames;
import dev.ironcliw.daemon.pressure.MemoryPressureMonitor;
import dev.ironcliw.governor.BudgetRegistry;
import dev.ironcliw.ring.FrameRing;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The memory governor's meters: each component's budget and use, the ring's active part, the
 * process's resident memory, the pressure level, its changes and the actions in force. Read when
 * scraped; nothing is kept.
 */
public final class MemoryMetrics {
  private MemoryMetrics() {}

  public static void bind(
      MeterRegistry registry,
      BudgetRegistry budgets,
      FrameRing ring,
      MemoryPressureMonitor pressure) {
    for (String component : budgets.budgetBytes().keySet()) {
      Gauge.builder(
              "ironcliw.memory.budget", budgets, b -> b.budgetBytes().getOrDefault(component, 0L))
          .tag("component", component)
          .baseUnit("bytes")
          .description("A component's memory budget")
          .register(registry);
      Gauge.builder("ironcliw.memory.used", budgets, b -> b.usedBytes().getOrDefault(component, 0L))
          .tag("component", component)
          .baseUnit("bytes")
          .description("What a component holds against its budget")
          .register(registry);
    }
    Gauge.builder("ironcliw.ring.active.slots", ring, FrameRing::activeSlots)
        .description("Slots the ring writer goes round now")
        .register(registry);
    Gauge.builder("ironcliw.ring.released", ring, FrameRing::releasedBytes)
        .baseUnit("bytes")
        .description("Slot pages given back to the system since start")
        .register(registry);
    Gauge.builder("ironcliw.process.resident", () -> ProcessMemory.read().getLong("rssBytes", 0L))
        .baseUnit("bytes")
        .description("Resident memory of the daemon (VmRSS)")
        .register(registry);
    Gauge.builder("ironcliw.memory.pressure.level", pressure, p -> p.level().ordinal())
        .description("Memory pressure: 0 LOW, 1 MEDIUM, 2 HIGH, 3 CRITICAL")
        .register(registry);
    FunctionCounter.builder(
            "ironcliw.memory.pressure.changes", pressure, MemoryPressureMonitor::changes)
        .description("Changes of the memory-pressure level")
        .register(registry);
    for (String action : PressureActionNames.ALL) {
      Gauge.builder(
              "ironcliw.memory.pressure.action",
              pressure,
              p -> p.actionNames().contains(action) ? 1 : 0)
          .tag("action", action)
          .description("1 while the pressure action is in force")
          .register(registry);
    }
  }
}

package dev.ironcliw.governor.pressure;

import dev.ironcliw.governor.BudgetRegistry;
import java.util.Map;

/**
 * The daemon's own usage: each watched component's reservations against its budget; the fullest
 * decides. Components that reserve their whole budget at start are full by design and not watched;
 * the total needs no reading of its own, since the budgets must fit in it together.
 */
public final class BudgetPressure implements PressureSource {
  private final BudgetRegistry budgets;
  private final java.util.Set<String> watched;
  private final java.util.function.Supplier<PressureThresholds> thresholds;

  /**
   * @param watched the components whose use grows and shrinks, e.g. the vision queue
   * @param thresholds read at every reading, so a live change applies
   */
  public BudgetPressure(
      BudgetRegistry budgets,
      java.util.Set<String> watched,
      java.util.function.Supplier<PressureThresholds> thresholds) {
    this.budgets = budgets;
    this.watched = java.util.Set.copyOf(watched);
    this.thresholds = thresholds;
  }

  @Override
  public PressureReading read() {
    Map<String, Long> used = budgets.usedBytes();
    Map<String, Long> limits = budgets.budgetBytes();
    String fullest = "none watched";
    double fullestShare = 0;
    for (Map.Entry<String, Long> budget : limits.entrySet()) {
      if (!watched.contains(budget.getKey())) {
        continue;
      }
      double share = (double) used.getOrDefault(budget.getKey(), 0L) / budget.getValue();
      if (share > fullestShare) {
        fullest = budget.getKey();
        fullestShare = share;
      }
    }
    return new PressureReading(
        "budgets",
        thresholds.get().levelOf(fullestShare, 1),
        "fullest " + fullest + " at " + Math.round(fullestShare * 100) + "%");
  }
}

package dev.ironcliw.config;

import dev.ironcliw.config.schema.ConfigSchema;
import dev.ironcliw.config.schema.Setting;
import dev.ironcliw.config.schema.Units;

/**
 * The default component budgets are shares of {@code memory.total} (their schema defaults are
 * percentages that add up to at most 100%), so a total set alone just works. This says what each
 * share is and how small a total can be before a share falls under the least its component needs.
 */
public final class MemoryShares {
  private static final String BUDGETS = "memory.budgets";

  private MemoryShares() {}

  /** The default share of {@code budget} as a fraction of the total, e.g. 0.4 for {@code 40%}. */
  public static double share(Setting<?> budget) {
    String text = budget.defaultValue();
    if (!budget.section().equals(BUDGETS) || !text.endsWith("%")) {
      throw new IllegalArgumentException(budget.path() + " has no default share of memory.total");
    }
    return Double.parseDouble(text.substring(0, text.length() - 1)) / 100;
  }

  /**
   * The least {@code memory.total} whose default share for {@code budget} holds {@code
   * neededBytes}, rounded up to a whole MiB.
   */
  public static long smallestTotalFor(Setting<?> budget, long neededBytes) {
    long bytes = (long) Math.ceil(neededBytes / share(budget));
    return (bytes + (1L << 20) - 1) >> 20 << 20;
  }

  /**
   * The least {@code memory.total} whose default shares are all at least their budgets' minimum.
   */
  public static long smallestTotal() {
    long smallest = 0;
    for (Setting<?> s : ConfigSchema.settings()) {
      if (s.section().equals(BUDGETS)) {
        smallest = Math.max(smallest, smallestTotalFor(s, Units.parseSizeBytes(s.min(), 0)));
      }
    }
    return smallest;
  }
}

package dev.ironcliw.config;

import dev.ironcliw.config.schema.ConfigSchema;
import dev.ironcliw.config.schema.Setting;
import dev.ironcliw.config.schema.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fits the budgets left at their defaults into {@code memory.total}. Each is a share of the total
 * ({@link MemoryShares}); when budgets set explicitly take more than their own shares, the
 * defaulted ones shrink in proportion to what is left. Refused: a total so small that a share falls
 * under its budget's minimum (with the least total that works), and explicit budgets that leave the
 * others less than their minimums.
 */
final class DefaultBudgets {
  private static final String TOTAL = "memory.total";
  private static final String BUDGETS = "memory.budgets";

  private DefaultBudgets() {}

  static void fit(
      Map<String, Object> values,
      Map<String, String> raw,
      Map<String, ConfigSource> sources,
      List<ConfigProblem> problems) {
    long total = (Long) values.get(TOTAL);
    List<Setting<?>> defaulted = new ArrayList<>();
    List<String> explicit = new ArrayList<>();
    long explicitBytes = 0;
    long defaultBytes = 0;
    for (Setting<?> s : ConfigSchema.settings()) {
      if (!s.section().equals(BUDGETS)) {
        continue;
      }
      long bytes = (Long) values.get(s.path());
      if (sources.get(s.path()) == ConfigSource.DEFAULT) {
        defaulted.add(s);
        defaultBytes += bytes;
      } else {
        explicit.add(s.key() + " " + Units.formatBytes(bytes));
        explicitBytes += bytes;
      }
    }
    if (explicitBytes > total) {
      return; // the check across keys names the budgets set beyond the total
    }
    long room = total - explicitBytes;
    if (room < defaultBytes) {
      double scale = (double) room / defaultBytes;
      for (Setting<?> s : defaulted) {
        values.put(s.path(), (long) ((Long) values.get(s.path()) * scale));
      }
    }
    for (Setting<?> s : defaulted) {
      long bytes = (Long) values.get(s.path());
      long least = Units.parseSizeBytes(s.min(), 0);
      if (bytes >= least) {
        continue;
      }
      if (explicit.isEmpty()) {
        problems.add(
            new ConfigProblem(
                TOTAL,
                "\""
                    + raw.get(TOTAL)
                    + "\" is too small: the default share of "
                    + s.path()
                    + " ("
                    + s.defaultValue()
                    + ") is "
                    + Units.formatBytes(bytes)
                    + ", under the "
                    + Units.formatBytes(least)
                    + " it needs; memory.total must be at least "
                    + Units.formatBytes(MemoryShares.smallestTotal())
                    + " (or set every budget yourself)"));
      } else {
        problems.add(
            new ConfigProblem(
                BUDGETS,
                "set explicitly ("
                    + String.join(", ", explicit)
                    + "), they leave "
                    + Units.formatBytes(room)
                    + " of memory.total ("
                    + Units.formatBytes(total)
                    + ") to the others, and "
                    + s.path()
                    + " would get "
                    + Units.formatBytes(bytes)
                    + ", under the "
                    + Units.formatBytes(least)
                    + " it needs; lower a budget you set or raise memory.total"));
      }
      return;
    }
  }
}

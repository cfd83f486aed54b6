package dev.ironcliw.governor.pressure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The whole machine on Linux: the share of RAM not available ({@code MemTotal} minus {@code
 * MemAvailable} in {@code /proc/meminfo}) against {@link #MACHINE}, and the pressure stall
 * information of {@code /proc/pressure/memory}: time in the last 10 s in which some task waited for
 * memory (MEDIUM from {@link #SOME_MEDIUM_PERCENT}%), or all did (HIGH from {@link
 * #FULL_HIGH_PERCENT}%, CRITICAL from {@link #FULL_CRITICAL_PERCENT}%). The higher level wins.
 *
 * <p>These are the machine's own warning signs, not the user's budgets: a desktop often runs with
 * most of its RAM in use, and a daemon that backed off at half of it would always be backing off.
 * They play the part the kernel's pressure level plays on macOS.
 */
public final class LinuxMemoryPressure implements PressureSource {
  static final double SOME_MEDIUM_PERCENT = 10;
  static final double FULL_HIGH_PERCENT = 5;
  static final double FULL_CRITICAL_PERCENT = 20;

  /** Shares of the machine's RAM not available from which it is MEDIUM, HIGH, CRITICAL. */
  static final PressureThresholds MACHINE = new PressureThresholds(0.85, 0.92, 0.97);

  private final Path meminfo;
  private final Path psi;

  /**
   * @param procRoot {@code /proc}, or a directory laid out like it in tests
   */
  public LinuxMemoryPressure(Path procRoot) {
    this.meminfo = procRoot.resolve("meminfo");
    this.psi = procRoot.resolve("pressure").resolve("memory");
  }

  @Override
  public PressureReading read() {
    PressureLevel level = PressureLevel.LOW;
    StringBuilder detail = new StringBuilder();
    try {
      long total = meminfoKib("MemTotal");
      long available = meminfoKib("MemAvailable");
      level = MACHINE.levelOf(total - available, total);
      detail.append(
          String.format(Locale.ROOT, "MemAvailable %d of %d MiB", available >> 10, total >> 10));
    } catch (IOException | RuntimeException e) {
      detail.append("no /proc/meminfo (").append(e.getMessage()).append(')');
    }
    try {
      double some = psiAvg10("some");
      double full = psiAvg10("full");
      PressureLevel stalls =
          full >= FULL_CRITICAL_PERCENT
              ? PressureLevel.CRITICAL
              : full >= FULL_HIGH_PERCENT
                  ? PressureLevel.HIGH
                  : some >= SOME_MEDIUM_PERCENT ? PressureLevel.MEDIUM : PressureLevel.LOW;
      level = PressureLevel.max(level, stalls);
      detail.append(
          String.format(Locale.ROOT, ", PSI some %.1f%% full %.1f%% (avg10)", some, full));
    } catch (IOException | RuntimeException e) {
      detail.append(", no PSI (kernel without CONFIG_PSI or psi=0)");
    }
    return new PressureReading("linux", level, detail.toString());
  }

  private long meminfoKib(String key) throws IOException {
    for (String line : Files.readAllLines(meminfo)) {
      if (line.startsWith(key + ":")) {
        return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
      }
    }
    throw new IllegalStateException(key + " missing");
  }

  /** The avg10 percentage of the {@code some} or {@code full} line. */
  private double psiAvg10(String kind) throws IOException {
    List<String> lines = Files.readAllLines(psi);
    for (String line : lines) {
      if (line.startsWith(kind + " ")) {
        for (String field : line.split(" ")) {
          if (field.startsWith("avg10=")) {
            return Double.parseDouble(field.substring("avg10=".length()));
          }
        }
      }
    }
    throw new IllegalStateException(kind + " avg10 missing");
  }
}

package dev.ironcliw.governor.pressure;

import java.io.IOException;
import java.nio.file.Path;

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

  /** {@code meminfo} is about 1.5 KiB; the lines read are among its first. */
  private final SmallTextFile meminfo;

  private final SmallTextFile psi;

  /**
   * @param procRoot {@code /proc}, or a directory laid out like it in tests
   */
  public LinuxMemoryPressure(Path procRoot) {
    this.meminfo = new SmallTextFile(procRoot.resolve("meminfo"), 8192);
    this.psi = new SmallTextFile(procRoot.resolve("pressure").resolve("memory"), 512);
  }

  /** Reads both files again; used by one thread at a time. */
  @Override
  public PressureReading read() {
    PressureLevel level = PressureLevel.LOW;
    StringBuilder detail = new StringBuilder();
    try {
      meminfo.read();
      long total = meminfo.longAfter("MemTotal:");
      long available = meminfo.longAfter("MemAvailable:");
      level = MACHINE.levelOf(total - available, total);
      detail
          .append("MemAvailable ")
          .append(available >> 10)
          .append(" of ")
          .append(total >> 10)
          .append(" MiB");
    } catch (IOException | RuntimeException e) {
      detail.append("no /proc/meminfo (").append(e.getMessage()).append(')');
    }
    try {
      psi.read();
      double some = psi.decimalAfter("some ", "avg10=");
      double full = psi.decimalAfter("full ", "avg10=");
      PressureLevel stalls =
          full >= FULL_CRITICAL_PERCENT
              ? PressureLevel.CRITICAL
              : full >= FULL_HIGH_PERCENT
                  ? PressureLevel.HIGH
                  : some >= SOME_MEDIUM_PERCENT ? PressureLevel.MEDIUM : PressureLevel.LOW;
      level = PressureLevel.max(level, stalls);
      detail.append(", PSI some ");
      appendTenths(detail, some).append("% full ");
      appendTenths(detail, full).append("% (avg10)");
    } catch (IOException | RuntimeException e) {
      detail.append(", no PSI (kernel without CONFIG_PSI or psi=0)");
    }
    return new PressureReading("linux", level, detail.toString());
  }

  /** {@code percent} with one decimal, as {@code %.1f} writes it (without a formatter a second). */
  private static StringBuilder appendTenths(StringBuilder to, double percent) {
    long tenths = Math.round(percent * 10);
    return to.append(tenths / 10).append('.').append(tenths % 10);
  }
}

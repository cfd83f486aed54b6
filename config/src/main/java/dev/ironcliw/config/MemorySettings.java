package dev.ironcliw.config;

import dev.ironcliw.config.schema.PressureActionNames;
import java.time.Duration;
import java.util.List;

/**
 * The {@code memory.*} keys, resolved to bytes.
 *
 * @param totalBytes {@code memory.total}
 * @param frameRingBytes {@code memory.budgets.frameRing}
 * @param dedupBytes {@code memory.budgets.dedup}
 * @param visionQueueBytes {@code memory.budgets.visionQueue}
 * @param gpuBuffersBytes {@code memory.budgets.gpuBuffers}
 * @param journalCachesBytes {@code memory.budgets.journalCaches}
 * @param textIndexBytes {@code memory.budgets.textIndex}
 * @param heapBytes {@code memory.budgets.heap}
 * @param pressureMedium {@code memory.pressure.medium}
 * @param pressureHigh {@code memory.pressure.high}
 * @param pressureCritical {@code memory.pressure.critical}
 * @param pressureDwell {@code memory.pressure.dwell}
 * @param pressureInterval {@code memory.pressure.interval}
 * @param mediumActions {@code memory.pressure.actions.medium}, names from {@link
 *     PressureActionNames}
 * @param highActions {@code memory.pressure.actions.high}
 * @param criticalActions {@code memory.pressure.actions.critical}
 */
public record MemorySettings(
    long totalBytes,
    long frameRingBytes,
    long dedupBytes,
    long visionQueueBytes,
    long gpuBuffersBytes,
    long journalCachesBytes,
    long textIndexBytes,
    long heapBytes,
    double pressureMedium,
    double pressureHigh,
    double pressureCritical,
    Duration pressureDwell,
    Duration pressureInterval,
    List<String> mediumActions,
    List<String> highActions,
    List<String> criticalActions) {

  /**
   * What the daemon's process takes on top of {@code memory.total}, as measured: the JVM itself
   * (metaspace, JIT code, its own structures), the native libraries and their allocations (text
   * recognition above all), and the ring's pages in use. Its resident memory stays under the total
   * plus this (README, Memory budget; {@code DaemonResidentCeilingTest}).
   */
  public static final long FIXED_OVERHEAD_BYTES = 128L << 20;

  /** {@link #totalBytes} plus {@link #FIXED_OVERHEAD_BYTES}: the most the process holds. */
  public long residentCeilingBytes() {
    return totalBytes + FIXED_OVERHEAD_BYTES;
  }

  public MemorySettings {
    mediumActions = List.copyOf(mediumActions);
    highActions = List.copyOf(highActions);
    criticalActions = List.copyOf(criticalActions);
  }
}

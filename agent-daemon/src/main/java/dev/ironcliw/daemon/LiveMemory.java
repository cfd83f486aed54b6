package dev.ironcliw.daemon;

import dev.ironcliw.config.MemorySettings;
import dev.ironcliw.daemon.pipeline.PipelineAgent;
import dev.ironcliw.daemon.pipeline.RingSizing;
import dev.ironcliw.daemon.pressure.MemoryPressureMonitor;
import dev.ironcliw.dedup.VerdictPolicy;
import dev.ironcliw.governor.BudgetRegistry;
import dev.ironcliw.ring.BudgetExceededException;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.vision.VisionProvider;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies live {@code memory.*} keys: the registry's budgets and total first, then each holder
 * shrinks or grows to its new budget (the ring's active part at once, the vision queue's oldest
 * batches dropped, the dedup history as its generations rotate), then the pressure thresholds.
 * Called on the config watcher's thread.
 */
final class LiveMemory {
  private static final Logger LOG = LoggerFactory.getLogger(LiveMemory.class);
  static final String DEDUP_BUDGET = "dedup";
  static final String VISION_QUEUE_BUDGET = "visionQueue";

  private final BudgetRegistry budgets;
  private final RingSizing ring;
  private final OffHeapBudget.Reservation dedupReservation;
  private final VerdictPolicy verdicts;
  private final PipelineAgent pipeline;
  private final MemoryPressureMonitor pressure;
  private final VisionProvider vision;

  LiveMemory(
      BudgetRegistry budgets,
      RingSizing ring,
      OffHeapBudget.Reservation dedupReservation,
      VerdictPolicy verdicts,
      PipelineAgent pipeline,
      MemoryPressureMonitor pressure,
      VisionProvider vision) {
    this.budgets = budgets;
    this.ring = ring;
    this.dedupReservation = dedupReservation;
    this.verdicts = verdicts;
    this.pipeline = pipeline;
    this.pressure = pressure;
    this.vision = vision;
  }

  void apply(MemorySettings memory) {
    budgets.setBudgets(memory.totalBytes() - memory.heapBytes(), liveBudgets(memory));
    ring.setBudget(memory.frameRingBytes());
    vision.fitQueue(memory.visionQueueBytes());
    long dedupBytes = memory.dedupBytes();
    try {
      dedupReservation.resize(dedupBytes);
    } catch (BudgetExceededException e) {
      // Only while the ring has not yet given back what it no longer holds; the next edit retries.
      LOG.warn("dedup budget held at its old size for now: {}", e.getMessage());
    }
    pipeline.submit(() -> verdicts.setBudget(dedupBytes));
    pressure.update(memory);
  }

  /** The budgets that change while the daemon runs. */
  static Map<String, Long> liveBudgets(MemorySettings memory) {
    return Map.of(
        FrameRing.BUDGET_COMPONENT,
        memory.frameRingBytes(),
        DEDUP_BUDGET,
        memory.dedupBytes(),
        VISION_QUEUE_BUDGET,
        memory.visionQueueBytes());
  }
}

package dev.ironcliw.vision;

import java.util.List;

/** A vision LLM that analyses batches of changed frames. Called from the pipeline thread. */
public interface VisionProvider extends AutoCloseable {
  /** The provider's name for status, e.g. {@code none}. */
  String name();

  /** Takes one batch; must not block the caller for long. */
  void submit(List<BatchFrame> batch);

  /** What status shows; any thread. */
  VisionStatus status();

  /** Holds batches instead of sending them (memory pressure HIGH), or lets them go again. */
  default void setPaused(boolean paused) {}

  /** Drops every batch waiting (memory pressure CRITICAL); counted as MEMORY_PRESSURE. */
  default void dropQueued() {}

  /**
   * Drops the oldest waiting batches until what waits fits {@code budgetBytes} (a lowered {@code
   * memory.budgets.visionQueue}); counted as OVER_MEMORY_BUDGET.
   */
  default void fitQueue(long budgetBytes) {}

  /** Stops sending; batches still waiting are dropped. */
  @Override
  default void close() {}
}

package dev.ironcliw.diff;

import dev.ironcliw.ring.BudgetExceededException;
import dev.ironcliw.ring.OffHeapBudget;

/**
 * What a GPU engine's buffers hold, counted against the {@code gpuBuffers} budget before they are
 * created. A buffer set over budget fails as a {@link DeviceException}, so the engine falls back to
 * the CPU diff. Used by the engine's one thread.
 */
public final class GpuBufferBudget implements AutoCloseable {
  public static final String COMPONENT = "gpuBuffers";

  private final OffHeapBudget budget;
  private OffHeapBudget.Reservation reservation;

  public GpuBufferBudget(OffHeapBudget budget) {
    this.budget = budget;
  }

  /** Not counted anywhere: for tools and tests that run an engine on its own. */
  public static GpuBufferBudget unlimited() {
    return new GpuBufferBudget(OffHeapBudget.unlimited());
  }

  /**
   * Holds {@code bytes} from now on, the engine's whole buffer set.
   *
   * @throws DeviceException when that is over the budget; what was held stays held
   */
  public void hold(long bytes) {
    try {
      if (reservation == null) {
        reservation = budget.reserve(COMPONENT, bytes);
      } else {
        reservation.resize(bytes);
      }
    } catch (BudgetExceededException e) {
      throw new DeviceException("GPU buffers over memory.budgets.gpuBuffers: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (reservation != null) {
      reservation.close();
      reservation = null;
    }
  }
}

package dev.ironcliw.ring;

/**
 * Where every off-heap reservation is counted. The frame ring reserves its whole mapping here
 * before it maps a byte; the memory governor implements it with per-component budgets.
 *
 * <p>Implementations are thread-safe.
 */
public interface OffHeapBudget {
  /**
   * Reserves {@code bytes} for {@code component}.
   *
   * @throws BudgetExceededException naming the component, the request and what remains
   */
  Reservation reserve(String component, long bytes);

  /** A budget with no limit, for tests and tools that run outside the daemon. */
  static OffHeapBudget unlimited() {
    return (component, bytes) -> () -> {};
  }

  /** Bytes held against a budget until closed. Closing twice releases once. */
  interface Reservation extends AutoCloseable {
    @Override
    void close();
  }
}

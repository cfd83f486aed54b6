package dev.ironcliw.ring;

/**
 * Where every off-heap reservation is counted. The frame ring reserves its active part here before
 * it uses a byte of it; the memory governor implements it with per-component budgets.
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
    return (component, bytes) ->
        new Reservation() {
          @Override
          public void resize(long newBytes) {}

          @Override
          public void close() {}
        };
  }

  /** Bytes held against a budget until closed. Closing twice releases once. */
  interface Reservation extends AutoCloseable {
    /**
     * Holds {@code newBytes} instead; shrinking always succeeds.
     *
     * @throws BudgetExceededException when growing past what remains; the old size is kept
     * @throws IllegalStateException after close
     */
    void resize(long newBytes);

    @Override
    void close();
  }
}

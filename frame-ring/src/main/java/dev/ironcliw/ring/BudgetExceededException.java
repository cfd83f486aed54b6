package dev.ironcliw.ring;

import java.io.Serial;

/** A reservation that would take a component over its budget. */
public final class BudgetExceededException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public BudgetExceededException(
      String component, long requestedBytes, long remainingBytes, long budgetBytes) {
    super(
        component
            + ": cannot reserve "
            + requestedBytes
            + " bytes, "
            + remainingBytes
            + " of its "
            + budgetBytes
            + "-byte budget remain");
  }
}

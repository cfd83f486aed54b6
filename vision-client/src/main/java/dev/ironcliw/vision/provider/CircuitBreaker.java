package dev.ironcliw.vision.provider;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops calling a provider that keeps failing: after {@code failuresToOpen} failures in a row it
 * opens and refuses calls for {@code openFor}; then one probe is let through (half-open), which
 * closes it on success or opens it again on failure. Thread-safe.
 */
public final class CircuitBreaker {
  /** Where the breaker is, as status shows it. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int failuresToOpen;
  private final long openForNanos;
  private final LongSupplier nanoClock;
  private State state = State.CLOSED;
  private int failuresInARow;
  private long openedAtNanos;
  private boolean probeOut;
  private long timesOpened;

  public CircuitBreaker(int failuresToOpen, Duration openFor, LongSupplier nanoClock) {
    if (failuresToOpen < 1 || openFor.isNegative()) {
      throw new IllegalArgumentException(
          "a breaker needs failuresToOpen >= 1 and openFor >= 0: "
              + failuresToOpen
              + ", "
              + openFor);
    }
    this.failuresToOpen = failuresToOpen;
    this.openForNanos = openFor.toNanos();
    this.nanoClock = nanoClock;
  }

  /** True when a call may go out now; in half-open state only one probe at a time may. */
  public synchronized boolean tryAcquire() {
    if (state == State.OPEN && nanoClock.getAsLong() - openedAtNanos >= openForNanos) {
      state = State.HALF_OPEN;
      probeOut = false;
    }
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (probeOut) {
          yield false;
        }
        probeOut = true;
        yield true;
      }
    };
  }

  public synchronized void onSuccess() {
    state = State.CLOSED;
    failuresInARow = 0;
    probeOut = false;
  }

  public synchronized void onFailure() {
    failuresInARow++;
    if (state == State.HALF_OPEN || failuresInARow >= failuresToOpen) {
      if (state != State.OPEN) {
        timesOpened++;
      }
      state = State.OPEN;
      openedAtNanos = nanoClock.getAsLong();
      probeOut = false;
    }
  }

  public synchronized State state() {
    if (state == State.OPEN && nanoClock.getAsLong() - openedAtNanos >= openForNanos) {
      return State.HALF_OPEN;
    }
    return state;
  }

  /** How often it opened since start. */
  public synchronized long timesOpened() {
    return timesOpened;
  }
}

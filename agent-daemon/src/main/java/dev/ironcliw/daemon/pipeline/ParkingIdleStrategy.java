package dev.ironcliw.daemon.pipeline;

import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.IdleStrategy;

/**
 * Parks an agent's thread when it found nothing to do, until its next due time or until another
 * thread {@link #wake wakes} it: an idle daemon costs a wake-up per due time instead of a spinning
 * back-off. A wake that comes before the park is not lost (the thread's park permit keeps it).
 */
public final class ParkingIdleStrategy implements IdleStrategy {
  /** When the agent next has work that no other thread will wake it for. */
  @FunctionalInterface
  interface DueTime {
    /**
     * Nanoseconds from {@code nowNanos} until then, 0 for now, {@link Long#MAX_VALUE} for never.
     */
    long nanosUntilDue(long nowNanos);
  }

  private final DueTime dueTime;
  private final long maxParkNanos;
  private volatile Thread agentThread;

  /**
   * @param maxParkNanos the longest park, a bound on how late a missed wake-up can make the agent
   */
  ParkingIdleStrategy(DueTime dueTime, long maxParkNanos) {
    this.dueTime = dueTime;
    this.maxParkNanos = maxParkNanos;
  }

  /** Any thread: the agent looks for work now. */
  public void wake() {
    Thread thread = agentThread;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  @Override
  public void idle(int workCount) {
    if (workCount <= 0) {
      idle();
    }
  }

  @Override
  public void idle() {
    if (agentThread == null) {
      agentThread = Thread.currentThread();
    }
    long parkNanos = Math.min(dueTime.nanosUntilDue(System.nanoTime()), maxParkNanos);
    if (parkNanos > 0) {
      LockSupport.parkNanos(this, parkNanos);
    }
  }

  @Override
  public void reset() {}

  @Override
  public String alias() {
    return "parking";
  }
}

package dev.ironcliw.vision;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects CHANGE frames into batches of {@code size}, handing a partial batch on once its first
 * frame has waited {@code maxWait}. Limits can change live. Used by the pipeline thread only.
 */
public final class Batcher {
  private final VisionProvider provider;
  private int size;
  private long maxWaitNanos;
  private final List<BatchFrame> pending = new ArrayList<>();
  private long firstAddedNanos;
  private long framesForwarded;

  public Batcher(VisionProvider provider, int size, long maxWaitNanos) {
    this.provider = provider;
    setLimits(size, maxWaitNanos);
  }

  public void setLimits(int size, long maxWaitNanos) {
    if (size < 1 || maxWaitNanos <= 0) {
      throw new IllegalArgumentException("batch size and wait must be positive");
    }
    this.size = size;
    this.maxWaitNanos = maxWaitNanos;
  }

  /** Queues a frame; hands the batch on when full. */
  public void add(BatchFrame frame, long nowNanos) {
    if (pending.isEmpty()) {
      firstAddedNanos = nowNanos;
    }
    pending.add(frame);
    framesForwarded++;
    if (pending.size() >= size) {
      flush();
    }
  }

  /** Hands on a partial batch whose first frame waited long enough; returns true if it did. */
  public boolean poll(long nowNanos) {
    if (!pending.isEmpty() && nowNanos - firstAddedNanos >= maxWaitNanos) {
      flush();
      return true;
    }
    return false;
  }

  /**
   * Nanoseconds from {@code nowNanos} until {@link #poll} hands on the pending partial batch, 0
   * when it is due, {@link Long#MAX_VALUE} when nothing is pending.
   */
  public long nanosUntilDue(long nowNanos) {
    if (pending.isEmpty()) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, firstAddedNanos + maxWaitNanos - nowNanos);
  }

  /** Hands on whatever is pending, e.g. at shutdown. */
  public void flush() {
    if (!pending.isEmpty()) {
      provider.submit(List.copyOf(pending));
      pending.clear();
    }
  }

  public int pendingFrames() {
    return pending.size();
  }

  /** Frames handed to the vision stage so far. */
  public long framesForwarded() {
    return framesForwarded;
  }

  public VisionProvider provider() {
    return provider;
  }
}

package dev.ironcliw.vision;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Analysis off: batches are counted and dropped; frames are still journaled. */
public final class NoVisionProvider implements VisionProvider {
  private final AtomicLong batches = new AtomicLong();

  @Override
  public String name() {
    return "none";
  }

  @Override
  public String description() {
    return "analysis off: changed frames are batched and journaled, not sent anywhere";
  }

  @Override
  public void submit(List<BatchFrame> batch) {
    batches.incrementAndGet();
  }

  @Override
  public long batchesSubmitted() {
    return batches.get();
  }
}

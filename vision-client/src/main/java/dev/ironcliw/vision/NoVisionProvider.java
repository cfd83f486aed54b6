package dev.ironcliw.vision;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Analysis off: batches are counted and dropped; frames are still journaled. */
public final class NoVisionProvider implements VisionProvider {
  private final AtomicLong batches = new AtomicLong();
  private final String why;

  /**
   * @param why why analysis is off, for status
   */
  public NoVisionProvider(String why) {
    this.why = why;
  }

  @Override
  public String name() {
    return "none";
  }

  @Override
  public void submit(List<BatchFrame> batch) {
    batches.incrementAndGet();
  }

  @Override
  public VisionStatus status() {
    return new VisionStatus(
        "none",
        "",
        "analysis off (" + why + "): changed frames are journaled, not sent anywhere",
        batches.get(),
        0,
        0,
        0,
        0,
        ScreenTextUse.NONE,
        0,
        0,
        0,
        0,
        Map.of(),
        Map.of(),
        "",
        0,
        0,
        0,
        0,
        0);
  }
}

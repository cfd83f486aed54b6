package dev.ironcliw.config.schema;

import java.util.List;

/** The actions a memory-pressure level can list in {@code memory.pressure.actions.*}. */
public final class PressureActionNames {
  public static final String FEWER_IMAGES = "fewerImages";
  public static final String HALVE_CAPTURE = "halveCapture";
  public static final String SHRINK_RING = "shrinkRing";
  public static final String MINIMUM_RING = "minimumRing";
  public static final String HOLD_VISION = "holdVision";
  public static final String DROP_QUEUED = "dropQueued";
  public static final String PAUSE_CAPTURE = "pauseCapture";

  public static final List<String> ALL =
      List.of(
          FEWER_IMAGES,
          HALVE_CAPTURE,
          SHRINK_RING,
          MINIMUM_RING,
          HOLD_VISION,
          DROP_QUEUED,
          PAUSE_CAPTURE);

  private PressureActionNames() {}
}

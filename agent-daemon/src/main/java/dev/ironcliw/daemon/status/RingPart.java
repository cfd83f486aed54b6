package dev.ironcliw.daemon.status;

import dev.ironcliw.daemon.pipeline.RingSizing;
import dev.ironcliw.ring.FrameRing;
import io.vertx.core.json.JsonObject;

/** Status {@code ring}: the ring file, its slots, what is active and what was given back. */
public final class RingPart implements StatusPart {
  private final FrameRing ring;
  private final RingSizing ringSizing;

  public RingPart(FrameRing ring, RingSizing ringSizing) {
    this.ring = ring;
    this.ringSizing = ringSizing;
  }

  @Override
  public String key() {
    return "ring";
  }

  @Override
  public JsonObject toJson(long nowNanos) {
    return new JsonObject()
        .put("file", ring.file().toString())
        .put("slots", ring.geometry().slotCount())
        .put("activeSlots", ring.activeSlots())
        .put("targetSlots", ringSizing.targetSlots())
        .put("activeBytes", ring.activeBytes())
        .put("releasedBytes", ring.releasedBytes())
        .put("occupiedSlots", ring.occupiedSlots())
        .put("slotBytes", ring.geometry().slotBytes())
        .put("recoveredFrames", ring.recoveryReport().validSlots());
  }
}

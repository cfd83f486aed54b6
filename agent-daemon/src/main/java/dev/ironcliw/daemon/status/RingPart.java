package dev.ironcliw.daemon.status;

import dev.ironcliw.daemon.pipeline.RingSizing;
import dev.ironcliw.ring.FrameRing;
import io.vertx.core.json.JsonObject;
import java.util.function.DoubleSupplier;

/**
 * Status {@code ring}: the ring file, its slots, what is active and what was given back, and how
 * much history it holds: the seconds between its oldest and newest frame, the rate of distinct
 * frames over its newest minute, and how many seconds its active slots hold at that rate and at the
 * capture rate (every captured frame distinct, the least it holds).
 */
public final class RingPart implements StatusPart {
  private final FrameRing ring;
  private final RingSizing ringSizing;
  private final DoubleSupplier captureFramesPerSecond;

  /**
   * @param captureFramesPerSecond frames captured per second over all displays, as configured
   */
  public RingPart(FrameRing ring, RingSizing ringSizing, DoubleSupplier captureFramesPerSecond) {
    this.ring = ring;
    this.ringSizing = ringSizing;
    this.captureFramesPerSecond = captureFramesPerSecond;
  }

  @Override
  public String key() {
    return "ring";
  }

  private static final long MINUTE_NANOS = 60_000_000_000L;

  @Override
  public JsonObject toJson(long nowNanos) {
    long[] times = ring.heldCaptureTimes();
    java.util.Arrays.sort(times);
    double heldSeconds = 0;
    double perSecond = 0;
    if (times.length > 1) {
      long newest = times[times.length - 1];
      heldSeconds = (newest - times[0]) / 1e9;
      int from = 0;
      while (newest - times[from] > MINUTE_NANOS) {
        from++;
      }
      long spanNanos = newest - times[from];
      perSecond = spanNanos > 0 ? (times.length - 1 - from) * 1e9 / spanNanos : 0;
    }
    JsonObject history =
        new JsonObject()
            .put("heldSeconds", Math.round(heldSeconds * 10) / 10.0)
            .put("distinctFramesPerSecond", Math.round(perSecond * 100) / 100.0)
            .put(
                "secondsAtCurrentRate",
                perSecond > 0 ? Math.round(ring.activeSlots() / perSecond * 10) / 10.0 : null)
            .put(
                "secondsAtCaptureRate",
                Math.round(ring.activeSlots() / captureFramesPerSecond.getAsDouble() * 10) / 10.0);
    return new JsonObject()
        .put("file", ring.file().toString())
        .put("slots", ring.geometry().slotCount())
        .put("activeSlots", ring.activeSlots())
        .put("targetSlots", ringSizing.targetSlots())
        .put("activeBytes", ring.activeBytes())
        .put("releasedBytes", ring.releasedBytes())
        .put("unmappedBytes", ring.unmappedBytes())
        .put("remapMicrosPerMiB", remapMicrosPerMiB(ring.remapCost().extraNanosPerByte()))
        .put("occupiedSlots", ring.occupiedSlots())
        .put("slotBytes", ring.geometry().slotBytes())
        .put("recoveredFrames", ring.recoveryReport().validSlots())
        .put("history", history);
  }

  /** The measured extra cost of a MiB of frame taken out and written again; -1 until measured. */
  private static double remapMicrosPerMiB(double extraNanosPerByte) {
    return Double.isNaN(extraNanosPerByte)
        ? -1
        : Math.round(extraNanosPerByte * (1 << 20) / 1000 * 10) / 10.0;
  }
}

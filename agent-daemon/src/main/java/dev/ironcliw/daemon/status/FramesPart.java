package dev.ironcliw.daemon.status;

import dev.ironcliw.daemon.pipeline.Latency;
import dev.ironcliw.daemon.pipeline.PipelineStage;
import dev.ironcliw.daemon.pipeline.PipelineStats;
import dev.ironcliw.dedup.Verdict;
import io.vertx.core.json.JsonObject;

/** Status {@code frames}: frames processed by verdict, handed to vision, each stage's time. */
public final class FramesPart implements StatusPart {
  private final PipelineStats stats;
  private final Liveness liveness;

  public FramesPart(PipelineStats stats, Liveness liveness) {
    this.stats = stats;
    this.liveness = liveness;
  }

  @Override
  public String key() {
    return "frames";
  }

  @Override
  public JsonObject toJson(long nowNanos) {
    JsonObject byVerdict = new JsonObject();
    for (Verdict v : Verdict.values()) {
      byVerdict.put(v.name(), stats.count(v));
    }
    return new JsonObject()
        .put("processed", stats.totalFrames())
        .put("byVerdict", byVerdict)
        .put("handedToVision", stats.handedToVision())
        .put("lastSeq", stats.lastSeq())
        .put("analysisErrors", stats.analysisErrors())
        .put(
            "images",
            new JsonObject()
                .put("copiedOnFrameThread", stats.imagesCopiedOnFrameThread())
                .put("missed", stats.imagesMissed()))
        .put("stageMicros", stageMicros())
        .put("lastFrameAgeMs", liveness.lastFrameAgeMs(nowNanos));
  }

  /** Median and p99 of each pipeline stage over the last minute, in microseconds. */
  private JsonObject stageMicros() {
    JsonObject stages = new JsonObject();
    for (PipelineStage stage : PipelineStage.values()) {
      Latency.Micros micros = stats.stageDurations(stage).micros();
      stages.put(
          stage.tag(),
          new JsonObject()
              .put("median", StatusNumbers.round(micros.median()))
              .put("p99", StatusNumbers.round(micros.p99())));
    }
    return stages;
  }
}

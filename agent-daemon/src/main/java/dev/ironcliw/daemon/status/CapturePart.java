package dev.ironcliw.daemon.status;

import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.daemon.pipeline.CaptureAgent;
import dev.ironcliw.daemon.pipeline.Latency;
import dev.ironcliw.daemon.pipeline.PipelineStats;
import dev.ironcliw.daemon.pipeline.UserPause;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/** Status {@code capture}: the source, its connection, pauses, rate and ticks. */
public final class CapturePart implements StatusPart {
  private final CaptureSource source;
  private final CaptureAgent capture;
  private final PipelineStats stats;
  private final UserPause userPause;
  private final Supplier<IroncliwConfig> config;

  public CapturePart(
      CaptureSource source,
      CaptureAgent capture,
      PipelineStats stats,
      UserPause userPause,
      Supplier<IroncliwConfig> config) {
    this.source = source;
    this.capture = capture;
    this.stats = stats;
    this.userPause = userPause;
    this.config = config;
  }

  @Override
  public String key() {
    return "capture";
  }

  @Override
  public JsonObject toJson(long nowNanos) {
    Latency.Micros grab = stats.grabDurations().micros();
    return new JsonObject()
        .put("source", source.name())
        .put("displays", new JsonArray(source.displays()))
        .put("grabMethod", source.grabMethod())
        .put("resolution", source.resolution())
        .put(
            "connection",
            new JsonObject()
                .put("state", source.connectionState())
                .put("reconnects", source.reconnects()))
        .put("paused", !capture.pauseReason().isEmpty())
        .put("pauseReason", capture.pauseReason())
        .put("userPause", userPause.state())
        .put("skippedGrabs", stats.skippedGrabs())
        .put("grabMicrosMedian", StatusNumbers.round(grab.median()))
        .put("grabMicrosP99", StatusNumbers.round(grab.p99()))
        .put("live", source.isLive())
        .put("finished", capture.sourceFinished())
        .put("fpsTarget", capture.framesPerSecond())
        .put("fpsConfigured", config.get().capture().framesPerSecond())
        .put(
            "fpsActual10s",
            Math.round(stats.captureFps(nowNanos, PipelineStats.FPS_WINDOW_NANOS) * 100) / 100.0)
        .put("framesCaptured", stats.capturedFrames())
        .put("droppedTicks", stats.droppedTicks())
        .put("missedTicks", capture.missedTicks())
        .put("skippedFrames", source.skippedFrames());
  }
}

package dev.ironcliw.daemon.status;

import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.daemon.pipeline.CaptureAgent;
import dev.ironcliw.daemon.pipeline.PipelineStats;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The daemon's state as status and health name it, from capture, its source's connection and the
 * pipeline's last frame.
 */
public final class Liveness {
  private final CaptureAgent capture;
  private final CaptureSource source;
  private final PipelineStats stats;
  private final Supplier<IroncliwConfig> config;

  public Liveness(
      CaptureAgent capture,
      CaptureSource source,
      PipelineStats stats,
      Supplier<IroncliwConfig> config) {
    this.capture = capture;
    this.source = source;
    this.stats = stats;
    this.config = config;
  }

  /**
   * running, paused (screen saver or lock), stalled (a live source but no frame for api.stallAfter)
   * or source-finished.
   */
  String state(long nowNanos) {
    if (capture.sourceFinished()) {
      return "source-finished";
    }
    if (!capture.pauseReason().isEmpty()) {
      return "paused";
    }
    Duration stallAfter = config.get().api().stallAfter();
    return lastFrameAgeNanos(nowNanos) > stallAfter.toNanos() ? "stalled" : "running";
  }

  /**
   * Healthy unless the pipeline is stalled or the source lost its connection (an X server gone):
   * either way no frame is captured.
   */
  boolean healthy(String state) {
    return !state.equals("stalled") && source.connectionState().equals("connected");
  }

  long lastFrameAgeMs(long nowNanos) {
    return lastFrameAgeNanos(nowNanos) / 1_000_000;
  }

  private long lastFrameAgeNanos(long nowNanos) {
    return nowNanos - stats.lastProcessedNanos();
  }
}

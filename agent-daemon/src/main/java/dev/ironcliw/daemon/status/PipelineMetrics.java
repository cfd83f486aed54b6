package dev.ironcliw.daemon.status;

import dev.ironcliw.daemon.pipeline.CaptureAgent;
import dev.ironcliw.daemon.pipeline.PipelineStats;
import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.vision.VisionProvider;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The pipeline's meters: capture rate against its target, frames by verdict, frames handed to
 * vision, dropped and missed ticks, and the vision queue, calls and breaker. The grab and stage
 * timers are {@link PipelineStats}'s own. Read from the same counters as {@code status} when
 * scraped.
 */
public final class PipelineMetrics {
  private PipelineMetrics() {}

  public static void bind(
      MeterRegistry registry, PipelineStats stats, CaptureAgent capture, VisionProvider vision) {
    Gauge.builder(
            "ironcliw.capture.fps",
            stats,
            s -> s.captureFps(System.nanoTime(), PipelineStats.FPS_WINDOW_NANOS))
        .description("Frames captured per second over the last 10 s")
        .register(registry);
    Gauge.builder("ironcliw.capture.fps.target", capture, CaptureAgent::framesPerSecond)
        .description("The rate capture runs at now (halved under memory pressure)")
        .register(registry);
    FunctionCounter.builder("ironcliw.capture.dropped.ticks", stats, PipelineStats::droppedTicks)
        .description("Ticks dropped because the ring or the pipeline was full")
        .register(registry);
    FunctionCounter.builder("ironcliw.capture.missed.ticks", capture, CaptureAgent::missedTicks)
        .description("Ticks that came too late to be taken")
        .register(registry);
    for (Verdict verdict : Verdict.values()) {
      FunctionCounter.builder("ironcliw.frames", stats, s -> s.count(verdict))
          .tag("verdict", verdict.name())
          .description("Frames judged, by verdict")
          .register(registry);
    }
    FunctionCounter.builder(
            "ironcliw.frames.handed.to.vision", stats, PipelineStats::handedToVision)
        .description("Frames handed to the vision stage (none are sent when vision is off)")
        .register(registry);
    Gauge.builder("ironcliw.vision.queue.batches", vision, v -> v.status().queuedBatches())
        .description("Batches waiting for the vision LLM")
        .register(registry);
    Gauge.builder("ironcliw.vision.queue", vision, v -> v.status().queuedBytes())
        .baseUnit("bytes")
        .description("Pixels of the batches waiting")
        .register(registry);
    FunctionCounter.builder("ironcliw.vision.insights", vision, v -> v.status().insights())
        .description("Replies turned into insights")
        .register(registry);
    Gauge.builder(
            "ironcliw.vision.breaker.open", vision, v -> breakerOpen(v.status().breakerState()))
        .description("The vision breaker: 0 closed, 0.5 half open, 1 open")
        .register(registry);
  }

  private static double breakerOpen(String state) {
    return switch (state) {
      case "OPEN" -> 1;
      case "HALF_OPEN" -> 0.5;
      default -> 0;
    };
  }
}

package dev.ironcliw.benchmarks.support;

import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.daemon.Daemon;
import dev.ironcliw.daemon.DiffEngines;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.KeyframeWriter;
import dev.ironcliw.daemon.pipeline.CaptureAgent;
import dev.ironcliw.daemon.pipeline.CaptureClock;
import dev.ironcliw.daemon.pipeline.FrameEvents;
import dev.ironcliw.daemon.pipeline.PipelineAgent;
import dev.ironcliw.daemon.pipeline.PipelineStats;
import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.GpuBufferBudget;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.vision.Batcher;
import dev.ironcliw.vision.VisionProvider;
import dev.ironcliw.vision.image.ChangeImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The daemon's capture and pipeline agents, with its journal, keyframe writer and diff engine, as
 * the daemon puts them together, for benchmarks that drive both agents on their own thread one
 * frame at a time ({@link #step}): no HTTP API, no text reader. Capture runs as fast as it is
 * asked, with capture times 1/fps apart.
 */
public final class BenchPipeline implements AutoCloseable {
  private final Path work;
  private final Journal journal;
  private final DiffEngine diff;
  private final KeyframeWriter keyframes;
  private final PipelineStats stats = new PipelineStats();
  private final CaptureAgent capture;
  private final PipelineAgent pipeline;
  private boolean finished;

  /**
   * @param ring the ring to write, kept by the caller across pipelines (its pages are touched once)
   * @param vision where the batcher hands the CHANGE frames' batches
   */
  public BenchPipeline(
      IroncliwConfig config,
      CaptureSource source,
      FrameRing ring,
      FrameRingWriter writer,
      VisionProvider vision)
      throws IOException {
    this.work = Files.createTempDirectory("ironcliw-bench-pipeline");
    this.journal = Journal.open(work.resolve("journal"), config.memory().journalCachesBytes() / 4);
    this.diff =
        DiffEngines.select(
                config.diff(),
                source.maxWidth(),
                source.maxHeight(),
                config.capture().framesPerSecond() * source.displays().size(),
                new GpuBufferBudget(OffHeapBudget.unlimited()))
            .engine();
    DiffEngines.letWriterDiff(writer, diff, config.diff().tileSize());
    this.keyframes = new KeyframeWriter(ring, journal, config::history);
    FrameEvents events = new FrameEvents(Daemon.EVENT_QUEUE_BYTES);
    Batcher batcher =
        new Batcher(vision, config.vision().batchSize(), config.vision().batchMaxWait().toNanos());
    this.capture =
        new CaptureAgent(
            source,
            writer,
            events,
            stats,
            config.capture().framesPerSecond(),
            true,
            0,
            System.currentTimeMillis() * 1_000_000L,
            CaptureClock.wall());
    this.pipeline =
        new PipelineAgent(
            events,
            ring,
            Daemon.verdictPolicy(config),
            diff,
            config.diff().tileSize(),
            1,
            batcher,
            new ChangeImages(config.vision().image()),
            journal,
            keyframes,
            frame -> {}, // the pipeline's own cost: no text read
            stats);
    ring.retainFrom(ring.nextPosition());
  }

  public PipelineAgent pipeline() {
    return pipeline;
  }

  public PipelineStats stats() {
    return stats;
  }

  public String diffBackend() {
    return diff.backend();
  }

  /**
   * One frame through capture and the pipeline, on this thread.
   *
   * @return false when the source has no more frames
   */
  public boolean step() {
    long processed = stats.totalFrames();
    if (!capture()) {
      return false;
    }
    while (stats.totalFrames() == processed) {
      pipeline.doWork();
    }
    return true;
  }

  /**
   * Captures one frame. While the ring has no slot to give (the pipeline still holds them: frames
   * whose images are being copied), it lets the pipeline work and asks again, as the daemon's
   * capture of a recording waits for the pipeline.
   *
   * @return false when the source has no more frames
   */
  public boolean capture() {
    long captured = stats.capturedFrames();
    while (true) {
      capture.doWork();
      if (capture.sourceFinished()) {
        return false;
      }
      if (stats.capturedFrames() != captured) {
        return true;
      }
      pipeline.doWork();
      Thread.onSpinWait();
    }
  }

  /** Hands on what the pipeline holds (batches, images being copied); once. */
  public void finish() {
    if (!finished) {
      finished = true;
      pipeline.onClose();
    }
  }

  /** {@link #finish}, then closes the keyframe writer, the diff and the journal. */
  @Override
  public void close() throws IOException {
    try {
      finish();
    } finally {
      try (journal;
          diff;
          keyframes) {
        // closed in reverse order: the keyframe writer, the diff, the journal
      } finally {
        TempFiles.deleteTree(work);
      }
    }
  }
}

package dev.ironcliw.daemon.pipeline;

import dev.ironcliw.dedup.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters the agents write and the API reads: frames per verdict, frames handed to vision, capture
 * tick times for the actual FPS, and when the last frame was processed. Single writer per field;
 * readers see plain atomic values.
 */
public final class PipelineStats {
  /** The window of the capture rate that status and the metrics show. */
  public static final long FPS_WINDOW_NANOS = 10_000_000_000L;

  private static final int TICK_HISTORY = 1024;

  private final AtomicLongArray byVerdict = new AtomicLongArray(Verdict.values().length);
  private final AtomicLong handedToVision = new AtomicLong();
  private final AtomicLong lastSeq = new AtomicLong(-1);
  private final AtomicLong lastProcessedNanos = new AtomicLong(System.nanoTime());
  private final AtomicLongArray captureTickNanos = new AtomicLongArray(TICK_HISTORY);
  private final AtomicLong captureTicks = new AtomicLong();
  private final AtomicLong droppedTicks = new AtomicLong();
  private final AtomicLong journalErrors = new AtomicLong();
  private final AtomicLong analysisErrors = new AtomicLong();
  private final AtomicLong skippedGrabs = new AtomicLong();
  private final AtomicLong maskedFrames = new AtomicLong();
  private final AtomicLong maskedRegions = new AtomicLong();
  private final AtomicLong imagesCopiedOnFrameThread = new AtomicLong();
  private final AtomicLong imagesMissed = new AtomicLong();
  private final AtomicLong imagesCpuNanos = new AtomicLong();
  private final Latency grabNanos;
  private final EnumMap<PipelineStage, Latency> stageNanos = new EnumMap<>(PipelineStage.class);

  /** Counters whose timers go to a registry of their own, for tools and tests. */
  public PipelineStats() {
    this(new SimpleMeterRegistry());
  }

  /**
   * @param registry where the grab and stage timers are registered ({@code ironcliw.capture.grab},
   *     {@code ironcliw.pipeline.stage} by {@code stage})
   */
  public PipelineStats(MeterRegistry registry) {
    grabNanos =
        new Latency(
            registry,
            "ironcliw.capture.grab",
            Tags.empty(),
            "Grab plus copy into the ring, per frame");
    for (PipelineStage stage : PipelineStage.values()) {
      stageNanos.put(
          stage,
          new Latency(
              registry,
              "ironcliw.pipeline.stage",
              Tags.of("stage", stage.tag()),
              "Time per frame in one pipeline stage"));
    }
  }

  /** Capture thread: a frame was produced at {@code nowNanos}. */
  void recordCapture(long nowNanos) {
    long n = captureTicks.getAndIncrement();
    captureTickNanos.set((int) (n % TICK_HISTORY), nowNanos);
  }

  /** Capture thread: a due tick produced no frame because the pipeline was behind. */
  void recordDroppedTick() {
    droppedTicks.incrementAndGet();
  }

  /** Pipeline thread: a frame got its verdict. */
  void recordVerdict(long seq, Verdict verdict, boolean wasForwarded, long nowNanos) {
    byVerdict.incrementAndGet(verdict.ordinal());
    if (wasForwarded) {
      handedToVision.incrementAndGet();
    }
    lastSeq.set(seq);
    lastProcessedNanos.set(nowNanos);
  }

  /** Pipeline thread: a frame had {@code regions} regions blanked by privacy exclusions. */
  void recordMasked(int regions) {
    if (regions > 0) {
      maskedFrames.incrementAndGet();
      maskedRegions.addAndGet(regions);
    }
  }

  /** Frames with a region blanked by privacy exclusions since the start. */
  public long maskedFrames() {
    return maskedFrames.get();
  }

  /** Regions blanked by privacy exclusions since the start, over all frames. */
  public long maskedRegions() {
    return maskedRegions.get();
  }

  /** Capture thread: a frame needed no grab because the damage hint said nothing changed. */
  void recordSkippedGrab() {
    skippedGrabs.incrementAndGet();
  }

  /** Capture thread: how long one frame took from asking the source to pixels in the ring. */
  void recordGrab(long nanos) {
    grabNanos.record(nanos);
  }

  public Latency grabDurations() {
    return grabNanos;
  }

  /** Pipeline thread: how long one stage of one frame took. */
  void recordStage(PipelineStage stage, long nanos) {
    stageNanos.get(stage).record(nanos);
  }

  /** Images thread: a CHANGE frame's images were copied, taking this long and this much CPU. */
  void recordImagesCopied(long nanos, long cpuNanos) {
    stageNanos.get(PipelineStage.IMAGES).record(nanos);
    imagesCpuNanos.addAndGet(cpuNanos);
  }

  /** Pipeline thread: the images thread was behind, so the frame thread copied a frame's images. */
  void recordImagesCopiedOnFrameThread(long nanos) {
    imagesCopiedOnFrameThread.incrementAndGet();
    stageNanos.get(PipelineStage.IMAGES).record(nanos);
    imagesCpuNanos.addAndGet(nanos);
  }

  /** Images thread: a CHANGE frame went on without images (gone from the ring, or none copied). */
  void recordImagesMissed() {
    imagesMissed.incrementAndGet();
  }

  /** CHANGE frames whose images the frame thread copied because the images thread was behind. */
  public long imagesCopiedOnFrameThread() {
    return imagesCopiedOnFrameThread.get();
  }

  /** CHANGE frames handed on with no image. */
  public long imagesMissed() {
    return imagesMissed.get();
  }

  /** CPU time spent copying CHANGE frames' images, on whichever thread did it. */
  public long imagesCpuNanos() {
    return imagesCpuNanos.get();
  }

  /** The durations of {@code stage}. */
  public Latency stageDurations(PipelineStage stage) {
    return stageNanos.get(stage);
  }

  public long skippedGrabs() {
    return skippedGrabs.get();
  }

  void recordJournalError() {
    journalErrors.incrementAndGet();
  }

  /** Counts a frame whose analysis threw; returns how many so far. */
  long recordAnalysisError() {
    return analysisErrors.incrementAndGet();
  }

  public long analysisErrors() {
    return analysisErrors.get();
  }

  /** Frames captured per second over the {@code windowNanos} before {@code nowNanos}. */
  public double captureFps(long nowNanos, long windowNanos) {
    long total = captureTicks.get();
    long inWindow = 0;
    for (long i = total - 1; i >= 0 && i >= total - TICK_HISTORY; i--) {
      if (nowNanos - captureTickNanos.get((int) (i % TICK_HISTORY)) > windowNanos) {
        break;
      }
      inWindow++;
    }
    return inWindow * 1e9 / windowNanos;
  }

  public long count(Verdict verdict) {
    return byVerdict.get(verdict.ordinal());
  }

  public long totalFrames() {
    long total = 0;
    for (int i = 0; i < byVerdict.length(); i++) {
      total += byVerdict.get(i);
    }
    return total;
  }

  /**
   * Frames the pipeline handed to the vision stage (the CHANGE frames), whether or not a provider
   * sends them anywhere: with {@code vision.provider: none} nothing is sent.
   */
  public long handedToVision() {
    return handedToVision.get();
  }

  public long lastSeq() {
    return lastSeq.get();
  }

  public long lastProcessedNanos() {
    return lastProcessedNanos.get();
  }

  public long capturedFrames() {
    return captureTicks.get();
  }

  public long droppedTicks() {
    return droppedTicks.get();
  }

  public long journalErrors() {
    return journalErrors.get();
  }
}

package dev.ironcliw.daemon;

import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.capture.FramePacer;
import dev.ironcliw.ring.FrameRingWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces the source at the configured FPS, grabs each frame straight into a ring slot, gives the
 * slot back when the frame is byte-identical to the previous one, and sends a frame event to the
 * pipeline. A live source drops a tick the ring or the queue cannot take; a recorded one waits.
 */
final class CaptureAgent implements Agent {
  private static final Logger LOG = LoggerFactory.getLogger(CaptureAgent.class);

  private final CaptureSource source;
  private final FrameRingWriter writer;
  private final FrameEvents events;
  private final PipelineStats stats;
  private final boolean unpaced;
  private final long startNanoTime;
  private final long startEpochNanos;
  private final byte[] constantLabel;
  private final ManyToOneConcurrentArrayQueue<Runnable> commands =
      new ManyToOneConcurrentArrayQueue<>(64);
  private final AtomicBoolean finished = new AtomicBoolean();
  private final FramePacer pacer;
  private long nextSeq;
  private long framesProduced;
  private boolean framePending;
  private boolean hasPrevious;
  private long previousFingerprint;
  private long previousPosition = -1;
  private int previousWidth;
  private int previousHeight;

  CaptureAgent(
      CaptureSource source,
      FrameRingWriter writer,
      FrameEvents events,
      PipelineStats stats,
      double framesPerSecond,
      boolean replayFast,
      long firstSeq,
      long startEpochNanos) {
    this.source = source;
    this.writer = writer;
    this.events = events;
    this.stats = stats;
    this.unpaced = replayFast && !source.isLive();
    this.nextSeq = firstSeq;
    this.startNanoTime = System.nanoTime();
    this.startEpochNanos = startEpochNanos;
    this.pacer = new FramePacer(framesPerSecond, startNanoTime);
    this.constantLabel = source.isLive() ? FrameEvents.labelBytes(source.frameLabel()) : null;
  }

  /** Any thread: change the rate from the next tick. */
  void setFramesPerSecond(double framesPerSecond) {
    commands.offer(() -> pacer.setRate(framesPerSecond));
  }

  boolean sourceFinished() {
    return finished.get();
  }

  long missedTicks() {
    return pacer.missedTicks();
  }

  @Override
  public int doWork() {
    int work = commands.drain(Runnable::run, 16);
    if (finished.get()) {
      return work;
    }
    long now = System.nanoTime();
    if (!framePending && !unpaced && !pacer.tryTick(now)) {
      return work;
    }
    if (!framePending) {
      if (!source.advance(now - startNanoTime)) {
        finished.set(true);
        LOG.info(
            "capture: {} has no more frames ({} produced, {} skipped); still serving the API",
            source.name(),
            framesProduced,
            source.skippedFrames());
        return work + 1;
      }
      framePending = true;
    }
    if (!events.hasRoom() || !writer.tryClaim(source.frameWidth(), source.frameHeight())) {
      if (source.isLive()) {
        framePending = false;
        stats.recordDroppedTick();
      }
      return work;
    }
    produce(now);
    return work + 1;
  }

  private void produce(long now) {
    int width = source.frameWidth();
    int height = source.frameHeight();
    source.copyFrameTo(writer.pixels(), writer.strideBytes());
    long fingerprint = writer.fingerprint();
    boolean sameAsPrevious =
        hasPrevious
            && fingerprint == previousFingerprint
            && width == previousWidth
            && height == previousHeight;
    long seq = nextSeq++;
    long capturedAt =
        source.isLive()
            ? startEpochNanos + (now - startNanoTime)
            : startEpochNanos + framesProduced * pacer.intervalNanos();
    long position;
    if (sameAsPrevious) {
      writer.abandon();
      position = previousPosition;
    } else {
      position = writer.commit(seq, capturedAt, 0);
      previousPosition = position;
      previousFingerprint = fingerprint;
      previousWidth = width;
      previousHeight = height;
      hasPrevious = true;
    }
    byte[] label =
        constantLabel != null ? constantLabel : FrameEvents.labelBytes(source.frameLabel());
    events.publish(seq, capturedAt, position, fingerprint, sameAsPrevious, width, height, label);
    framesProduced++;
    framePending = false;
    stats.recordCapture(now);
  }

  @Override
  public void onClose() {
    source.close();
  }

  @Override
  public String roleName() {
    return "capture";
  }
}

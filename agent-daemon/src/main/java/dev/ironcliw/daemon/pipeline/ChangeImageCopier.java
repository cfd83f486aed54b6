package dev.ironcliw.daemon.pipeline;

import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.ReadStatus;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.vision.BatchFrame;
import dev.ironcliw.vision.image.ChangeImages;
import dev.ironcliw.vision.image.FrameCrop;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the images of CHANGE frames for the vision stage on a thread of its own ({@code
 * vision-images}), so that their cost (a whole-screen change's context image takes several
 * milliseconds at 1080p) never holds the next frame. The pipeline keeps each frame in the ring
 * until its images are copied ({@link #oldestPendingPosition}) and hands the frames on in the order
 * they came ({@link #handOn}). At most {@link #MAX_PENDING} frames wait: past that the pipeline
 * copies on its own thread, so a burst of changes slows the pipeline instead of holding more of the
 * ring back from the writer.
 *
 * <p>{@link #copy}, {@link #handOn}, {@link #oldestPendingPosition} and {@link #finish} are the
 * pipeline thread's.
 */
final class ChangeImageCopier {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeImageCopier.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Frames whose images may wait for the copier; each holds its ring slot until copied. */
  static final int MAX_PENDING = 4;

  /** How long closing waits for the copies under way. */
  private static final long FINISH_WAIT_SECONDS = 10;

  /** A frame waiting for its images; {@code images} is set once, by the copier's thread. */
  private static final class Pending {
    final BatchFrame frame;
    volatile List<FrameCrop> images;

    Pending(BatchFrame frame) {
      this.frame = frame;
    }
  }

  private final FrameRing ring;
  private final PipelineStats stats;
  private final Runnable wakePipeline;
  private final ExecutorService thread;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>(MAX_PENDING + 1);

  /** The copier thread's view of the frame it copies from. */
  private final FrameView view = new FrameView();

  /**
   * @param wakePipeline called on the copier's thread after each copy, so a parked pipeline hands
   *     the frame on
   */
  ChangeImageCopier(FrameRing ring, PipelineStats stats, Runnable wakePipeline) {
    this.ring = ring;
    this.stats = stats;
    this.wakePipeline = wakePipeline;
    this.thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "vision-images");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Queues the copy of {@code changed} out of {@code frame} (the pipeline's view of the frame at
   * {@code batchFrame.ringPosition()}, still valid), or copies it now when {@link #MAX_PENDING}
   * frames already wait.
   *
   * @param batchFrame the frame as the batcher gets it, its images still empty
   */
  void copy(BatchFrame batchFrame, ChangeImages images, List<Rect> changed, FrameView frame) {
    Pending next = new Pending(batchFrame);
    if (pending.size() >= MAX_PENDING) {
      long startNanos = System.nanoTime();
      next.images = images.of(frame, changed);
      stats.recordImagesCopiedOnFrameThread(System.nanoTime() - startNanos);
      pending.addLast(next);
      return;
    }
    pending.addLast(next);
    thread.execute(() -> copyFromRing(next, images, changed));
  }

  private void copyFromRing(Pending next, ChangeImages images, List<Rect> changed) {
    long cpuBefore = THREADS.getCurrentThreadCpuTime();
    long startNanos = System.nanoTime();
    List<FrameCrop> copied = List.of();
    try {
      if (ring.read(next.frame.ringPosition(), view) == ReadStatus.OK) {
        copied = images.of(view, changed); // empty when the frame was overwritten meanwhile
      }
      if (copied.isEmpty()) {
        stats.recordImagesMissed();
      }
    } catch (RuntimeException e) {
      stats.recordImagesMissed();
      LOG.error("vision images: copying frame {} failed", next.frame.seq(), e);
    } finally {
      stats.recordImagesCopied(
          System.nanoTime() - startNanos, THREADS.getCurrentThreadCpuTime() - cpuBefore);
      next.images = copied;
      wakePipeline.run();
    }
  }

  /** Hands the frames whose images are copied to {@code to}, oldest first; returns how many. */
  int handOn(Consumer<BatchFrame> to) {
    int handed = 0;
    while (!pending.isEmpty() && pending.peekFirst().images != null) {
      Pending done = pending.pollFirst();
      BatchFrame f = done.frame;
      to.accept(
          new BatchFrame(
              f.seq(),
              f.capturedAtEpochNanos(),
              f.display(),
              f.ringPosition(),
              f.changedTiles(),
              done.images));
      handed++;
    }
    return handed;
  }

  /** The ring position of the oldest frame still waiting for its images; MAX_VALUE when none. */
  long oldestPendingPosition() {
    Pending oldest = pending.peekFirst();
    return oldest == null ? Long.MAX_VALUE : oldest.frame.ringPosition();
  }

  /** Waits for the copies under way, hands every frame on, and stops the thread. */
  void finish(Consumer<BatchFrame> to) {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(FINISH_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("vision images: copies still running after {} s", FINISH_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    handOn(to);
  }
}

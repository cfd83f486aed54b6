package dev.ironcliw.daemon.pipeline;

import dev.ironcliw.diff.ChangedRegions.Region;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
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
  private static final long FINISH_WAIT_MILLIS = 10_000;

  /**
   * A frame waiting for its images: what the batcher gets of it, and what to copy. {@code copied}
   * is set once, by the thread that copies.
   */
  private static final class Pending {
    final long seq;
    final long capturedAtNanos;
    final int display;
    final long ringPosition;
    final int changedTiles;
    final ChangeImages images;
    final List<Region> changed;
    volatile List<FrameCrop> copied;

    Pending(FrameEvent frame, int changedTiles, ChangeImages images, List<Region> changed) {
      this(
          frame.seq(),
          frame.capturedAtNanos(),
          frame.display(),
          frame.ringPosition(),
          changedTiles,
          images,
          changed);
    }

    private Pending(
        long seq,
        long capturedAtNanos,
        int display,
        long ringPosition,
        int changedTiles,
        ChangeImages images,
        List<Region> changed) {
      this.seq = seq;
      this.capturedAtNanos = capturedAtNanos;
      this.display = display;
      this.ringPosition = ringPosition;
      this.changedTiles = changedTiles;
      this.images = images;
      this.changed = changed;
    }
  }

  /** Tells the copier's thread to stop once the frames queued before it are copied. */
  private static final Pending STOP = new Pending(-1, 0, 0, -1, 0, null, List.of());

  private final FrameRing ring;
  private final PipelineStats stats;
  private final Runnable wakePipeline;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>(MAX_PENDING + 1);

  /** The frames for the copier's thread; bounded, and adds no node per frame. */
  private final ArrayBlockingQueue<Pending> queue = new ArrayBlockingQueue<>(MAX_PENDING + 1);

  private final Thread thread;

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
    this.thread = Thread.ofPlatform().daemon().name("vision-images").unstarted(this::run);
    thread.start();
  }

  /**
   * Queues the copy of the {@code changed} regions of {@code frame} ({@code view}, the pipeline's
   * view of it, still valid), or copies them now when {@link #MAX_PENDING} frames already wait.
   *
   * @param changedTiles what the batcher is told of the frame
   */
  void copy(
      FrameEvent frame,
      int changedTiles,
      ChangeImages images,
      List<Region> changed,
      FrameView view) {
    Pending next = new Pending(frame, changedTiles, images, changed);
    if (pending.size() >= MAX_PENDING) {
      long startNanos = System.nanoTime();
      next.copied = images.of(view, rects(changed));
      stats.recordImagesCopiedOnFrameThread(System.nanoTime() - startNanos);
      pending.addLast(next);
      return;
    }
    pending.addLast(next);
    queue.add(next); // never full: it holds at most the pending frames
  }

  /** The copier's thread: copies the queued frames in order until told to stop. */
  private void run() {
    try {
      for (Pending next = queue.take(); next != STOP; next = queue.take()) {
        copyFromRing(next);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void copyFromRing(Pending next) {
    long cpuBefore = THREADS.getCurrentThreadCpuTime();
    long startNanos = System.nanoTime();
    List<FrameCrop> copied = List.of();
    try {
      if (ring.read(next.ringPosition, view) == ReadStatus.OK) {
        // empty when the frame was overwritten meanwhile
        copied = next.images.of(view, rects(next.changed));
      }
      if (copied.isEmpty()) {
        stats.recordImagesMissed();
      }
    } catch (RuntimeException e) {
      stats.recordImagesMissed();
      LOG.error("vision images: copying frame {} failed", next.seq, e);
    } finally {
      stats.recordImagesCopied(
          System.nanoTime() - startNanos, THREADS.getCurrentThreadCpuTime() - cpuBefore);
      next.copied = copied;
      wakePipeline.run();
    }
  }

  private static List<Rect> rects(List<Region> regions) {
    List<Rect> rects = new ArrayList<>(regions.size());
    for (Region r : regions) {
      rects.add(new Rect(r.x(), r.y(), r.width(), r.height()));
    }
    return rects;
  }

  /** Hands the frames whose images are copied to {@code to}, oldest first; returns how many. */
  int handOn(Consumer<BatchFrame> to) {
    int handed = 0;
    while (!pending.isEmpty() && pending.peekFirst().copied != null) {
      Pending done = pending.pollFirst();
      to.accept(
          new BatchFrame(
              done.seq,
              done.capturedAtNanos,
              done.display,
              done.ringPosition,
              done.changedTiles,
              done.copied));
      handed++;
    }
    return handed;
  }

  /** The ring position of the oldest frame still waiting for its images; MAX_VALUE when none. */
  long oldestPendingPosition() {
    Pending oldest = pending.peekFirst();
    return oldest == null ? Long.MAX_VALUE : oldest.ringPosition;
  }

  /** Waits for the copies under way, hands every frame on, and stops the thread. */
  void finish(Consumer<BatchFrame> to) {
    try {
      queue.put(STOP);
      thread.join(FINISH_WAIT_MILLIS);
      if (thread.isAlive()) {
        LOG.warn("vision images: copies still running after {} ms", FINISH_WAIT_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    handOn(to);
  }
}

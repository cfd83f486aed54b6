package dev.ironcliw.daemon.journal;

import dev.ironcliw.config.HistorySettings;
import dev.ironcliw.daemon.image.FrameImages;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.daemon.journal.record.KeyframeRecord;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.vision.image.FrameCrop;
import dev.ironcliw.vision.image.ImageEncoder;
import dev.ironcliw.vision.image.PixelBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps CHANGE frames as downscaled JPEG keyframes in the journal, at most one per {@code
 * history.keyframes.minInterval} per display. The pipeline only hands over where the frame is;
 * copying it out of the ring, scaling and encoding happen on a thread of its own with a short
 * queue, so a slow encode drops keyframes, never frames.
 */
public final class KeyframeWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyframeWriter.class);
  private static final int QUEUE = 4;

  private final FrameRing ring;
  private final Journal journal;
  private final Supplier<HistorySettings> settings;
  private final ThreadPoolExecutor thread;

  /** The keyframe thread's pixels, scaled into again for every keyframe of the same size. */
  private final PixelBuffer pixels = new PixelBuffer();

  private final AtomicLong written = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();
  private final AtomicLong missed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  /** Capture time of each display's last keyframe; pipeline thread only. */
  private final Map<Integer, Long> lastKeyframeNanos = new HashMap<>();

  public KeyframeWriter(FrameRing ring, Journal journal, Supplier<HistorySettings> settings) {
    this.ring = ring;
    this.journal = journal;
    this.settings = settings;
    this.thread =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(r, "keyframes");
              t.setDaemon(true);
              return t;
            },
            (task, executor) -> dropped.incrementAndGet());
  }

  /** Pipeline thread: a CHANGE frame, kept when its display's last keyframe is old enough. */
  public void offer(FrameRecord frame) {
    HistorySettings now = settings.get();
    if (now.keyframeMaxLongEdge() == 0) {
      return;
    }
    Long last = lastKeyframeNanos.get(frame.display());
    if (last != null
        && frame.capturedAtNanos() - last < now.keyframeMinInterval().toNanos()
        && frame.capturedAtNanos() >= last) {
      return;
    }
    JournalDiskGuard disk = journal.diskGuard();
    if (disk != null && !disk.allowKeyframe()) {
      return; // counted there; the next CHANGE frame tries again
    }
    lastKeyframeNanos.put(frame.display(), frame.capturedAtNanos());
    try {
      thread.execute(() -> write(frame, now));
    } catch (RejectedExecutionException stopping) {
      // closed
    }
  }

  /**
   * Any thread: keeps {@code frame} as a keyframe whatever the interval since the last one (text
   * was read from it, and a search hit shows its image), unless it has one or keyframes are off.
   */
  public void keep(FrameRecord frame) {
    HistorySettings now = settings.get();
    if (now.keyframeMaxLongEdge() == 0 || journal.hasKeyframe(frame.seq())) {
      return;
    }
    JournalDiskGuard disk = journal.diskGuard();
    if (disk != null && !disk.allowKeyframe()) {
      return;
    }
    try {
      thread.execute(() -> write(frame, now));
    } catch (RejectedExecutionException stopping) {
      // closed
    }
  }

  private void write(FrameRecord frame, HistorySettings now) {
    try {
      KeyframeRecord keyframe =
          keyframe(
              ring,
              frame.seq(),
              frame.capturedAtNanos(),
              frame.ringPosition(),
              frame.fingerprint(),
              now,
              pixels);
      if (keyframe == null) {
        missed.incrementAndGet(); // the ring moved on before it could be copied
        return;
      }
      journal.append(keyframe);
      written.incrementAndGet();
      bytesWritten.addAndGet(keyframe.jpeg().length);
    } catch (RuntimeException e) {
      LOG.error("keyframes: cannot keep frame {}", frame.seq(), e);
    }
  }

  /**
   * The keyframe of the frame at {@code position} in the ring, scaled and encoded as {@code now}
   * says; null when the ring no longer holds that frame.
   */
  public static KeyframeRecord keyframe(
      FrameRing ring,
      long seq,
      long capturedAtNanos,
      long position,
      long fingerprint,
      HistorySettings now) {
    return keyframe(ring, seq, capturedAtNanos, position, fingerprint, now, null);
  }

  /**
   * {@link #keyframe(FrameRing, long, long, long, long, HistorySettings)}, scaling into {@code
   * pixels} (null: a new array): the pixels are encoded, then let go.
   */
  public static KeyframeRecord keyframe(
      FrameRing ring,
      long seq,
      long capturedAtNanos,
      long position,
      long fingerprint,
      HistorySettings now,
      PixelBuffer pixels) {
    FrameCrop small =
        FrameImages.fittedFromRing(ring, position, fingerprint, now.keyframeMaxLongEdge(), pixels);
    if (small == null) {
      return null;
    }
    byte[] jpeg = ImageEncoder.jpeg(ImageEncoder.image(small), (float) now.keyframeQuality());
    return new KeyframeRecord(
        seq,
        capturedAtNanos,
        small.frameWidth(),
        small.frameHeight(),
        small.width(),
        small.height(),
        jpeg);
  }

  public long written() {
    return written.get();
  }

  public long bytesWritten() {
    return bytesWritten.get();
  }

  /** Keyframes not kept because the ring had overwritten the frame first. */
  public long missed() {
    return missed.get();
  }

  /** Keyframes not kept because the writer was behind. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    thread.getQueue().clear(); // keyframes not yet written are not waited for
    thread.execute(journal::closeKeyframeAppender); // by the thread that made it
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("keyframes: writer did not finish in 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

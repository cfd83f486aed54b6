package dev.ironcliw.daemon.pipeline;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.KeyframeWriter;
import dev.ironcliw.daemon.journal.record.CaptureEventRecord;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.daemon.text.SecretRedactor;
import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.dedup.VerdictPolicy;
import dev.ironcliw.diff.ChangedRegions;
import dev.ironcliw.diff.ChangedRegions.Region;
import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.FeatureExtractor;
import dev.ironcliw.diff.RegionFeatures;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.ReadStatus;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.RemapCost;
import dev.ironcliw.ring.TileDiff;
import dev.ironcliw.vision.BatchFrame;
import dev.ironcliw.vision.Batcher;
import dev.ironcliw.vision.image.ChangeImages;
import java.util.List;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For each frame event: dedup (exact verdict), diff against the previous kept frame, changed
 * regions, final verdict, images of a CHANGE frame for the vision stage, batcher, journal. Keeps
 * the ring from overwriting the frame it diffs against and those it has not reached yet.
 */
public final class PipelineAgent implements Agent, FrameEvents.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineAgent.class);
  private static final int EVENTS_PER_WORK = 8;

  /**
   * A bound on an idle park; frames and commands wake the pipeline sooner, and a wake-up is never
   * lost (the park permit keeps it). Not a tick's length: a timeout a little before each frame's
   * wake-up made an idle pipeline wake twice a tick.
   */
  private static final long MAX_PARK = 1_000_000_000L;

  /**
   * Every this long, the pages of every frame but the kept ones leave the daemon's resident memory
   * again: those the later readers (the keyframe writer, the text reader, the API) mapped back from
   * the page cache when they read a frame the pipeline had already let go of (see {@link #keep}).
   */
  static final long UNMAP_EVERY_NANOS = 10_000_000_000L;

  /**
   * Until the ring has measured what mapping a slot's pages again costs ({@link RemapCost}), each
   * frame's pages leave the resident memory once the next kept frame replaces it (see {@link
   * #keep}) up to this many frames written a second; more often (a replay at full speed), their
   * pages are left to the sweep every {@link #UNMAP_EVERY_NANOS}.
   */
  static final int UNMAP_EACH_FRAME_UP_TO_PER_SECOND = 30;

  /**
   * Once measured, each frame's pages leave as soon as it is replaced while mapping them back, at
   * the rate frames are written, costs at most this share of a core: about 1 ms for a 1080p frame
   * on bare metal, 1% at 10 frames a second; 8-10 ms in a virtual machine that traps each page's
   * first touch, where whole screens changing at 10 frames a second would spend most of a tenth of
   * a core on it. Past that the pages wait for the sweep, and the ring is resident meanwhile.
   */
  static final double MAX_REMAP_SHARE_OF_A_CORE = 0.02;

  /** Features are measured for this many of the largest changed regions of a frame. */
  static final int FEATURE_REGIONS = 8;

  private static final byte[] NO_DESCRIPTOR = new byte[0];

  private final FrameEvents events;
  private final FrameRing ring;
  private final VerdictPolicy verdicts;
  private final DiffEngine diffEngine;
  private final ChangedRegions regions = new ChangedRegions();
  private final FeatureExtractor features = new FeatureExtractor();
  private final Batcher batcher;

  /** Swapped by {@link #useImages} under memory pressure; pipeline thread only. */
  private ChangeImages changeImages;

  private final Journal journal;
  private final SecretRedactor titles = new SecretRedactor();
  private final KeyframeWriter keyframes;

  /** Told of each frame that changed the screen (CHANGE or REVISIT): the text reader. */
  private final java.util.function.Consumer<FrameRecord> screenChanges;

  private final PipelineStats stats;
  private final ManyToOneConcurrentArrayQueue<Runnable> commands =
      new ManyToOneConcurrentArrayQueue<>(64);
  private final ParkingIdleStrategy idle = new ParkingIdleStrategy(this::nanosUntilDue, MAX_PARK);
  private final ChangeImageCopier imageCopier;

  /** Frames whose images are copied go to the batcher; made once, as a frame allocates nothing. */
  private final java.util.function.Consumer<BatchFrame> toBatcher;

  private final FrameView previous = new FrameView();
  private final FrameView current = new FrameView();
  private final int tileSize;
  private final long[] previousKeptPositions;
  private long lastUnmapNanos = System.nanoTime();
  private boolean framesWritten;
  private final FramesPerSecond written = new FramesPerSecond(System.nanoTime());

  /** Per display, the descriptor of the previous kept frame, or null when it has none. */
  private final byte[][] keptDescriptors;

  /**
   * Per display, the record of its last duplicate of an unchanged screen: the next such duplicate
   * is journaled as it with its own seq and time ({@link Journal#appendRepeat}), no record made.
   */
  private final FrameRecord[] repeatedDuplicates;

  public PipelineAgent(
      FrameEvents events,
      FrameRing ring,
      VerdictPolicy verdicts,
      DiffEngine diffEngine,
      int tileSize,
      int displays,
      Batcher batcher,
      ChangeImages changeImages,
      Journal journal,
      KeyframeWriter keyframes,
      java.util.function.Consumer<FrameRecord> screenChanges,
      PipelineStats stats) {
    this.events = events;
    this.ring = ring;
    this.verdicts = verdicts;
    this.diffEngine = diffEngine;
    this.tileSize = tileSize;
    this.previousKeptPositions = new long[displays];
    java.util.Arrays.fill(previousKeptPositions, -1);
    this.keptDescriptors = new byte[displays][];
    this.repeatedDuplicates = new FrameRecord[displays];
    this.batcher = batcher;
    this.changeImages = changeImages;
    this.journal = journal;
    this.keyframes = keyframes;
    this.screenChanges = screenChanges;
    this.stats = stats;
    this.imageCopier = new ChangeImageCopier(ring, stats, idle::wake);
    this.toBatcher = frame -> batcher.add(frame, System.nanoTime());
  }

  /** Any thread: from the next frame on, copies CHANGE frames' images with {@code images}. */
  public void useImages(ChangeImages images) {
    submit(() -> changeImages = images);
  }

  /** Any thread: runs {@code command} on the pipeline thread before its next frame. */
  public void submit(Runnable command) {
    if (!commands.offer(command)) {
      LOG.error("pipeline: command queue full, a command was dropped");
    }
    idle.wake();
  }

  /** Until a partial batch is due; frames and commands wake the pipeline. */
  private long nanosUntilDue(long nowNanos) {
    return batcher.nanosUntilDue(nowNanos);
  }

  /** How the pipeline thread waits for frames: parked until capture or a command wakes it. */
  public ParkingIdleStrategy idleStrategy() {
    return idle;
  }

  @Override
  public int doWork() {
    int work = commands.drain(Runnable::run, 16);
    work += events.drain(this, EVENTS_PER_WORK);
    long now = System.nanoTime();
    int handed = imageCopier.handOn(toBatcher);
    if (handed > 0) {
      retainNeeded();
      work += handed;
    }
    if (batcher.poll(now)) {
      work++;
    }
    if (framesWritten && now - lastUnmapNanos >= UNMAP_EVERY_NANOS) {
      ring.unmapFramesExcept(previousKeptPositions);
      lastUnmapNanos = now;
      framesWritten = false;
      work++;
    }
    return work;
  }

  @Override
  public void onFrame(FrameEvent frame) {
    long startNanos = System.nanoTime();
    if (!frame.sameAsPrevious()) {
      framesWritten = true;
      written.count(startNanos);
    }
    int display = frame.display();
    Verdict verdict = Verdict.DUPLICATE;
    int changedTiles = 0;
    double magnitude = 0;
    List<Region> changed = List.of();
    List<RegionFeatures> regionFeatures = List.of();
    byte[] descriptor = NO_DESCRIPTOR;
    boolean withImages = false;
    if (!frame.sameAsPrevious()) {
      if (ring.read(frame.ringPosition(), current) != ReadStatus.OK) {
        // Gone before it could be looked at: forward it rather than lose a change.
        LOG.warn(
            "pipeline: frame at ring position {} is gone before it was diffed",
            frame.ringPosition());
        verdict = Verdict.CHANGE;
        changedTiles = tilesIn(frame.width(), frame.height());
        magnitude = 255;
        changed = List.of(wholeFrame(frame, changedTiles));
      } else {
        try {
          TileDiff diff = diffAgainstPrevious(display, frame.damage());
          if (diff != null) {
            changedTiles = diff.changedTiles();
            magnitude = diff.magnitude();
            changed = regions.extract(diff);
          } else {
            changedTiles = tilesIn(frame.width(), frame.height());
            magnitude = 255;
            changed = List.of(wholeFrame(frame, changedTiles));
          }
          long diffedNanos = System.nanoTime();
          stats.recordStage(PipelineStage.DIFF, diffedNanos - startNanos);
          verdict = verdicts.judge(display, current, diff, frame.capturedAtNanos());
          long judgedNanos = System.nanoTime();
          stats.recordStage(PipelineStage.VERDICT, judgedNanos - diffedNanos);
          byte[] keptDescriptor = null;
          if (diff != null) {
            // Of every kept frame, DUPLICATE too: the display's next frame is diffed against it.
            keptDescriptor = features.descriptor(current, diff, keptDescriptors[display]);
            if (verdict != Verdict.DUPLICATE) {
              regionFeatures = measure(changed);
              descriptor = keptDescriptor;
            }
            stats.recordStage(PipelineStage.FEATURES, System.nanoTime() - judgedNanos);
          }
          if (!current.stillValid()) {
            LOG.warn("pipeline: frame {} was overwritten while judged; forwarding it", frame.seq());
            verdict = Verdict.CHANGE;
            keptDescriptor = null;
          } else if (verdict == Verdict.CHANGE && changeImages != null) {
            withImages = true;
          }
          keep(display, frame.ringPosition(), frameBytes(frame));
          keptDescriptors[display] = keptDescriptor;
        } catch (RuntimeException e) {
          // A frame that breaks the analysis is journaled and forwarded whole, and the display
          // starts afresh, so one bad frame never stalls the pipeline on the frames after it.
          analysisFailed(display, frame, e);
          verdict = Verdict.CHANGE;
          changedTiles = tilesIn(frame.width(), frame.height());
          magnitude = 255;
          changed = List.of(wholeFrame(frame, changedTiles));
          regionFeatures = List.of();
          descriptor = NO_DESCRIPTOR;
          withImages = false;
        }
      }
    }
    boolean forward = verdict == Verdict.CHANGE;
    long now = System.nanoTime();
    if (frame.sameAsPrevious() && repeatsLastDuplicate(frame)) {
      appendRepeat(frame, now, startNanos);
      return;
    }
    FrameRecord record =
        new FrameRecord(
            frame.seq(),
            frame.capturedAtNanos(),
            frame.label(),
            verdict,
            forward,
            changedTiles,
            frame.width(),
            frame.height(),
            frame.ringPosition(),
            frame.fingerprint(),
            magnitude,
            changed,
            display,
            frame.maskedRegions(),
            frame.damage() == null ? -1 : frame.damage().size(),
            regionFeatures,
            descriptor);
    long journalNanos = System.nanoTime();
    try {
      journal.append(record);
    } catch (RuntimeException e) {
      stats.recordJournalError();
      LOG.error("journal: cannot append frame {}", frame.seq(), e);
    }
    repeatedDuplicates[display] = frame.sameAsPrevious() ? record : null;
    long doneNanos = System.nanoTime();
    stats.recordStage(PipelineStage.JOURNAL, doneNanos - journalNanos);
    stats.recordStage(PipelineStage.FRAME, doneNanos - startNanos);
    if (forward && !frame.sameAsPrevious()) {
      keyframes.offer(record);
    }
    if ((verdict == Verdict.CHANGE || verdict == Verdict.REVISIT) && !frame.sameAsPrevious()) {
      screenChanges.accept(record);
    }
    // Last: the vision stage waits for the text of what it was handed, so the text reader must
    // have been handed it first.
    if (forward) {
      if (withImages) {
        // Copied on the images thread; the ring keeps the frame until then, since it may
        // overwrite it long before its batch is sent.
        imageCopier.copy(frame, changedTiles, changeImages, changed, current);
        retainNeeded();
      } else {
        imageCopier.handOn(toBatcher); // the frames before it go first
        batcher.add(
            new BatchFrame(
                frame.seq(),
                frame.capturedAtNanos(),
                display,
                frame.ringPosition(),
                changedTiles,
                List.of()),
            now);
      }
    }
    stats.recordMasked(frame.maskedRegions());
    stats.recordVerdict(frame.seq(), verdict, forward, now);
  }

  /**
   * Whether {@code frame}, a duplicate of an unchanged screen, differs from its display's last one
   * only in seq and time.
   */
  private boolean repeatsLastDuplicate(FrameEvent frame) {
    FrameRecord last = repeatedDuplicates[frame.display()];
    return last != null
        && last.ringPosition() == frame.ringPosition()
        && last.fingerprint() == frame.fingerprint()
        && last.width() == frame.width()
        && last.height() == frame.height()
        && last.maskedRegions() == frame.maskedRegions()
        && last.damageRects() == (frame.damage() == null ? -1 : frame.damage().size())
        && last.source().equals(frame.label());
  }

  /** Journals {@code frame} as its display's last duplicate, with its own seq and time. */
  private void appendRepeat(FrameEvent frame, long now, long startNanos) {
    long journalNanos = System.nanoTime();
    try {
      journal.appendRepeat(
          repeatedDuplicates[frame.display()], frame.seq(), frame.capturedAtNanos());
    } catch (RuntimeException e) {
      stats.recordJournalError();
      LOG.error("journal: cannot append frame {}", frame.seq(), e);
    }
    long doneNanos = System.nanoTime();
    stats.recordStage(PipelineStage.JOURNAL, doneNanos - journalNanos);
    stats.recordStage(PipelineStage.FRAME, doneNanos - startNanos);
    stats.recordMasked(frame.maskedRegions());
    stats.recordVerdict(frame.seq(), Verdict.DUPLICATE, false, now);
  }

  /** Features of the largest regions of the current frame (still retained in the ring). */
  private List<RegionFeatures> measure(List<Region> changed) {
    int count = Math.min(changed.size(), FEATURE_REGIONS);
    RegionFeatures[] measured = new RegionFeatures[count];
    for (int i = 0; i < count; i++) {
      Region r = changed.get(i);
      measured[i] = features.measure(current, r.x(), r.y(), r.width(), r.height());
    }
    return List.of(measured);
  }

  @Override
  public void onCaptureState(long timeNanos, int display, boolean paused, String reason) {
    try {
      journal.append(new CaptureEventRecord(timeNanos, display, paused, reason));
    } catch (RuntimeException e) {
      stats.recordJournalError();
      LOG.error("journal: cannot append a capture event", e);
    }
  }

  @Override
  public void onContext(ContextEventRecord context) {
    try {
      // A title can show a secret (a key in a terminal's, a card number in a tab's).
      journal.append(
          new ContextEventRecord(
              context.timeNanos(),
              context.fromSeq(),
              context.display(),
              context.app(),
              titles.redactTitle(context.window()),
              context.excluded()));
    } catch (RuntimeException e) {
      stats.recordJournalError();
      LOG.error("journal: cannot append a change of the focused window", e);
    }
  }

  /** A frame whose analysis threw: logged, and the display starts afresh from it. */
  private void analysisFailed(int display, FrameEvent frame, RuntimeException e) {
    long count = stats.recordAnalysisError();
    if (count == 1 || count % 1000 == 0) {
      LOG.error(
          "pipeline: analysing frame {} failed ({} so far); it is forwarded whole",
          frame.seq(),
          count,
          e);
    }
    verdicts.forget(display);
    keptDescriptors[display] = null;
    keep(display, frame.ringPosition(), frameBytes(frame));
  }

  /**
   * Records the display's newest kept frame and lets the ring overwrite what no display needs:
   * every frame before the oldest of the displays' previous kept frames. The frame it replaces
   * leaves the daemon's resident memory, unless mapping it back would cost too much at the rate
   * frames are written ({@link #unmapEachFrame}).
   */
  private void keep(int display, long position, long frameBytes) {
    long replaced = previousKeptPositions[display];
    previousKeptPositions[display] = position;
    retainNeeded();
    if (replaced >= 0 && replaced != position && unmapEachFrame(frameBytes)) {
      // Done with it: its pages leave the resident memory now, or a screen that changes whole
      // keeps the entire ring resident. It stays readable from the page cache. The price is a
      // fault per page when the writer fills the slot again, a lap later.
      ring.unmapFrame(replaced);
    }
  }

  /**
   * Whether frames of {@code frameBytes} leave the resident memory as soon as they are replaced:
   * while the writer's cost of mapping them back, at the rate frames are written now, stays within
   * {@link #MAX_REMAP_SHARE_OF_A_CORE}.
   */
  private boolean unmapEachFrame(long frameBytes) {
    int perSecond = written.recent(System.nanoTime());
    double extraNanosPerByte = ring.remapCost().extraNanosPerByte();
    if (Double.isNaN(extraNanosPerByte)) {
      return perSecond <= UNMAP_EACH_FRAME_UP_TO_PER_SECOND;
    }
    return perSecond * (double) frameBytes * extraNanosPerByte <= MAX_REMAP_SHARE_OF_A_CORE * 1e9;
  }

  /**
   * Lets the ring overwrite every frame before the oldest one still needed: the displays' previous
   * kept frames, and the frames waiting for their images to be copied.
   */
  private void retainNeeded() {
    long oldest = imageCopier.oldestPendingPosition();
    for (long kept : previousKeptPositions) {
      if (kept >= 0) {
        oldest = Math.min(oldest, kept);
      }
    }
    if (oldest != Long.MAX_VALUE) {
      ring.retainFrom(oldest);
    }
  }

  /**
   * The diff of {@link #current} against the display's previous kept frame, or null when there is
   * none to compare with.
   */
  private TileDiff diffAgainstPrevious(int display, List<Rect> damage) {
    long previousKept = previousKeptPositions[display];
    if (previousKept < 0 || ring.read(previousKept, previous) != ReadStatus.OK) {
      return null;
    }
    if (previous.width() != current.width() || previous.height() != current.height()) {
      return null; // a new size (a display mode change, a replay of mixed sizes): all new
    }
    TileDiff diff = ring.diffMadeWhileCopying(current, previousKept);
    if (diff != null) {
      diff.classify(diffEngine.tileThreshold()); // made by the capture as it copied the frame
    } else {
      diff = diffEngine.diff(previous, current, damage);
    }
    if (!previous.stillValid() || !current.stillValid()) {
      LOG.warn("pipeline: a retained frame was overwritten during its diff; counting all tiles");
      return null;
    }
    return diff;
  }

  private static Region wholeFrame(FrameEvent frame, int tiles) {
    return new Region(0, 0, frame.width(), frame.height(), tiles, Long.MAX_VALUE);
  }

  private static long frameBytes(FrameEvent frame) {
    return (long) frame.width() * frame.height() * 4;
  }

  private int tilesIn(int width, int height) {
    return ((width + tileSize - 1) / tileSize) * ((height + tileSize - 1) / tileSize);
  }

  @Override
  public void onClose() {
    events.drain(this, Integer.MAX_VALUE);
    imageCopier.finish(toBatcher);
    batcher.flush();
    journal.closeAppender();
  }

  @Override
  public String roleName() {
    return "pipeline";
  }
}

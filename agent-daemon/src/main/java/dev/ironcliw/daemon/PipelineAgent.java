package dev.ironcliw.daemon;

import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.dedup.VerdictPolicy;
import dev.ironcliw.diff.ChangedRegions;
import dev.ironcliw.diff.ChangedRegions.Region;
import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.TileDiff;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.ReadStatus;
import dev.ironcliw.vision.BatchFrame;
import dev.ironcliw.vision.Batcher;
import java.util.List;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For each frame event: dedup (exact verdict), diff against the previous kept frame, changed
 * regions, final verdict, batcher, journal. Keeps the ring from overwriting the frame it diffs
 * against and those it has not reached yet.
 */
final class PipelineAgent implements Agent, FrameEvents.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineAgent.class);
  private static final int EVENTS_PER_WORK = 8;

  private final FrameEvents events;
  private final FrameRing ring;
  private final VerdictPolicy verdicts;
  private final DiffEngine diffEngine;
  private final ChangedRegions regions = new ChangedRegions();
  private final Batcher batcher;
  private final Journal journal;
  private final PipelineStats stats;
  private final ManyToOneConcurrentArrayQueue<Runnable> commands =
      new ManyToOneConcurrentArrayQueue<>(64);
  private final FrameView previous = new FrameView();
  private final FrameView current = new FrameView();
  private final int tileSize;
  private long previousKeptPosition = -1;

  PipelineAgent(
      FrameEvents events,
      FrameRing ring,
      VerdictPolicy verdicts,
      DiffEngine diffEngine,
      int tileSize,
      Batcher batcher,
      Journal journal,
      PipelineStats stats) {
    this.events = events;
    this.ring = ring;
    this.verdicts = verdicts;
    this.diffEngine = diffEngine;
    this.tileSize = tileSize;
    this.batcher = batcher;
    this.journal = journal;
    this.stats = stats;
  }

  /** Any thread: runs {@code command} on the pipeline thread before its next frame. */
  void submit(Runnable command) {
    commands.offer(command);
  }

  @Override
  public int doWork() {
    int work = commands.drain(Runnable::run, 16);
    work += events.drain(this, EVENTS_PER_WORK);
    if (batcher.poll(System.nanoTime())) {
      work++;
    }
    return work;
  }

  @Override
  public void onFrame(
      long seq,
      long capturedAtNanos,
      long position,
      long fingerprint,
      boolean sameAsPrevious,
      int width,
      int height,
      String label) {
    Verdict verdict = verdicts.judgeExact(sameAsPrevious, fingerprint, capturedAtNanos);
    int changedTiles = 0;
    double magnitude = 0;
    List<Region> changed = List.of();
    if (verdict != Verdict.DUPLICATE) {
      TileDiff diff = diffAgainstPrevious(position);
      if (diff != null) {
        changedTiles = diff.changedTiles();
        magnitude = diff.magnitude();
        changed = regions.extract(diff);
      } else {
        changedTiles = tilesIn(width, height);
        magnitude = 255;
        changed = List.of(new Region(0, 0, width, height, changedTiles, Long.MAX_VALUE));
      }
      if (verdict == Verdict.CHANGE) {
        verdict = verdicts.judgeDiff(changedTiles);
      }
      previousKeptPosition = position;
      ring.retainFrom(position);
    }
    boolean forward = verdict == Verdict.CHANGE;
    long now = System.nanoTime();
    if (forward) {
      batcher.add(new BatchFrame(seq, capturedAtNanos, position, changedTiles), now);
    }
    FrameRecord record =
        new FrameRecord(
            seq,
            capturedAtNanos,
            label,
            verdict,
            forward,
            changedTiles,
            width,
            height,
            position,
            fingerprint,
            magnitude,
            changed);
    try {
      journal.append(record);
    } catch (RuntimeException e) {
      stats.recordJournalError();
      LOG.error("journal: cannot append frame {}", seq, e);
    }
    stats.recordVerdict(seq, verdict, forward, now);
  }

  /** The diff against the previous kept frame, or null when there is none to compare with. */
  private TileDiff diffAgainstPrevious(long position) {
    if (ring.read(position, current) != ReadStatus.OK) {
      LOG.warn("pipeline: frame at ring position {} is gone before it was diffed", position);
      return null;
    }
    if (previousKeptPosition < 0 || ring.read(previousKeptPosition, previous) != ReadStatus.OK) {
      return null;
    }
    TileDiff diff = diffEngine.diff(previous, current);
    if (!previous.stillValid() || !current.stillValid()) {
      LOG.warn("pipeline: a retained frame was overwritten during its diff; counting all tiles");
      return null;
    }
    return diff;
  }

  private int tilesIn(int width, int height) {
    return ((width + tileSize - 1) / tileSize) * ((height + tileSize - 1) / tileSize);
  }

  @Override
  public void onClose() {
    events.drain(this, Integer.MAX_VALUE);
    batcher.flush();
    journal.closeAppender();
  }

  @Override
  public String roleName() {
    return "pipeline";
  }
}

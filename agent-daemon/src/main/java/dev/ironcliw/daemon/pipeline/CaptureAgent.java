package dev.ironcliw.daemon.pipeline;

import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.FramePacer;
import dev.ironcliw.capture.Grab;
import dev.ironcliw.ring.BudgetExceededException;
import dev.ironcliw.ring.FrameRingWriter;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces the source at the configured FPS. Each tick it asks every display for a frame; a frame is
 * grabbed straight into a ring slot, the slot given back when the frame is byte-identical to the
 * display's previous one, and a frame event sent to the pipeline. A display the source reports
 * unchanged (damage hint) becomes a duplicate without touching pixels; a paused display (screen
 * saver, lock) sends a capture-state event when it pauses and when it resumes. A live source drops
 * a frame the ring or the queue cannot take; a recorded one waits.
 */
public final class CaptureAgent implements Agent {
  private static final Logger LOG = LoggerFactory.getLogger(CaptureAgent.class);

  /** A bound on an idle park; commands and the pipeline wake capture sooner. */
  private static final long MAX_PARK = 100_000_000L;

  private final CaptureSource source;
  private final FrameRingWriter writer;
  private final FrameEvents events;
  private final PipelineStats stats;
  private final boolean unpaced;
  private final long startNanoTime;
  private final long startEpochNanos;
  private final CaptureClock clock;
  private final int displays;
  private final byte[][] displayLabels;

  /** A recording's last frame label and its bytes: encoded again only when the label changes. */
  private String lastRecordingLabel;

  private byte[] lastRecordingLabelBytes;
  private final ManyToOneConcurrentArrayQueue<Runnable> commands =
      new ManyToOneConcurrentArrayQueue<>(64);
  private final AtomicBoolean finished = new AtomicBoolean();
  private final ParkingIdleStrategy idle = new ParkingIdleStrategy(this::nanosUntilDue, MAX_PARK);
  private final FramePacer pacer;
  private final boolean[] hasPrevious;
  private final long[] previousFingerprint;
  private final long[] previousPosition;
  private final int[] previousWidth;
  private final int[] previousHeight;
  private final boolean[] paused;
  private volatile String pauseReason = "";
  private FocusedWindow lastFocus = FocusedWindow.UNKNOWN;

  /** Who holds capture (memory pressure, the user) and why, first hold first; capture thread. */
  private final java.util.Map<String, String> holds = new java.util.LinkedHashMap<>();

  private volatile double framesPerSecond;
  private long nextSeq;
  private long framesProduced;
  private long ticks;

  /** A tick started and not done: it may wait for room in the queue or a ring slot. */
  private volatile boolean tickPending;

  private long tickElapsedNanos;
  private long tickNanoTime;
  private int nextDisplay;
  private boolean framePending;
  private long grabStartNanos;

  public CaptureAgent(
      CaptureSource source,
      FrameRingWriter writer,
      FrameEvents events,
      PipelineStats stats,
      double framesPerSecond,
      boolean replayFast,
      long firstSeq,
      long startEpochNanos,
      CaptureClock clock) {
    this.source = source;
    this.writer = writer;
    this.events = events;
    this.stats = stats;
    this.unpaced = replayFast && !source.isLive();
    this.nextSeq = firstSeq;
    this.startNanoTime = System.nanoTime();
    this.startEpochNanos = startEpochNanos;
    this.clock = clock;
    this.pacer = new FramePacer(framesPerSecond, startNanoTime);
    this.framesPerSecond = framesPerSecond;
    this.displays = source.displays().size();
    this.displayLabels =
        source.displays().stream().map(FrameEvents::labelBytes).toArray(byte[][]::new);
    this.hasPrevious = new boolean[displays];
    this.previousFingerprint = new long[displays];
    this.previousPosition = new long[displays];
    this.previousWidth = new int[displays];
    this.previousHeight = new int[displays];
    this.paused = new boolean[displays];
    Arrays.fill(previousPosition, -1);
  }

  /** Any thread: change the rate from the next tick. */
  public void setFramesPerSecond(double framesPerSecond) {
    this.framesPerSecond = framesPerSecond;
    command(
        "set the capture rate",
        () -> {
          pacer.setRate(framesPerSecond);
          source.setFramesPerSecond(framesPerSecond);
        });
  }

  /** The rate capture runs at now (the configured one, or less under memory pressure). */
  public double framesPerSecond() {
    return framesPerSecond;
  }

  /**
   * Any thread: stops grabbing at the next tick until every holder has called {@link #release};
   * each display's pause is journaled with the first hold's {@code reason}, as a screen-saver pause
   * is. A holder that holds again only changes its reason.
   *
   * @param holder who holds (memory pressure, the user): each releases only its own hold
   */
  public void hold(String holder, String reason) {
    command(
        "hold capture",
        () -> {
          boolean first = holds.isEmpty();
          holds.put(holder, reason);
          if (first) {
            for (int display = 0; display < displays; display++) {
              pause(display, reason);
            }
          } else {
            pauseReason = holds.values().iterator().next();
          }
        });
  }

  /** Any thread: undoes {@code holder}'s {@link #hold}; capture runs once no one holds it. */
  public void release(String holder) {
    command(
        "release capture",
        () -> {
          if (holds.remove(holder) == null) {
            return;
          }
          if (!holds.isEmpty()) {
            pauseReason = holds.values().iterator().next();
            return;
          }
          pacer.restartAt(System.nanoTime()); // the ticks held back were not missed
          for (int display = 0; display < displays; display++) {
            resume(display);
          }
        });
  }

  /**
   * Any thread: makes the ring go round {@code slots} slots from the next frame on; a refusal (the
   * budget would be passed) is logged and the ring keeps its size.
   */
  void resizeRing(int slots) {
    command(
        "resize the ring",
        () -> {
          try {
            writer.setActiveSlots(slots);
          } catch (BudgetExceededException | IllegalArgumentException e) {
            LOG.warn("frame ring: cannot resize to {} slots: {}", slots, e.getMessage());
          }
        });
  }

  /**
   * Any thread: wipes the frames of the ring that {@code forgotten} names, on the capture thread
   * between frames; the next frame of each display is then taken whole, as a first one.
   *
   * @return the frames wiped, once done
   */
  public CompletableFuture<Integer> forgetFrames(FrameRingWriter.FrameFilter forgotten) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    command(
        "forget frames",
        () -> {
          try {
            int wiped = writer.forget(forgotten);
            Arrays.fill(hasPrevious, false);
            done.complete(wiped);
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    return done;
  }

  private void command(String what, Runnable command) {
    if (!commands.offer(command)) {
      LOG.error("capture: command queue full, dropped: {}", what);
    }
    idle.wake();
  }

  /** How the capture thread waits between ticks: parked, woken by commands and the pipeline. */
  public ParkingIdleStrategy idleStrategy() {
    return idle;
  }

  /**
   * Pipeline thread, after it read events (made room): wakes capture if a tick waits for that. A
   * tick that is done waits for its time, not for the pipeline: waking it then cost a second
   * wake-up (and a preempted pipeline) every tick of an idle daemon. A wake-up missed in a race
   * with a tick that just found no room costs at most the park's bound.
   */
  public void pipelineMadeRoom() {
    if (tickPending) {
      idle.wake();
    }
  }

  /**
   * Until the next tick; while a tick waits for the pipeline (a full queue or ring), or capture is
   * held or finished, only a wake-up brings work.
   */
  private long nanosUntilDue(long nowNanos) {
    if (finished.get() || tickPending || !holds.isEmpty()) {
      return Long.MAX_VALUE;
    }
    return unpaced ? 0 : pacer.nanosUntilDue(nowNanos);
  }

  public boolean sourceFinished() {
    return finished.get();
  }

  public long missedTicks() {
    return pacer.missedTicks();
  }

  /** Why capture is paused, or empty while it runs. */
  public String pauseReason() {
    return pauseReason;
  }

  @Override
  public int doWork() {
    int work = commands.drain(Runnable::run, 16);
    if (!holds.isEmpty() && tickPending) {
      dropPendingTick();
    }
    if (finished.get() || !holds.isEmpty()) {
      return work;
    }
    if (!tickPending) {
      long now = System.nanoTime();
      if (!unpaced && !pacer.tryTick(now)) {
        return work;
      }
      tickPending = true;
      tickNanoTime = now;
      tickElapsedNanos = unpaced ? ticks * pacer.intervalNanos() : now - startNanoTime;
      nextDisplay = 0;
    }
    while (nextDisplay < displays) {
      if (!events.hasRoom()) {
        return work; // the pipeline is behind; a live source drops the tick below next time
      }
      if (!framePending) {
        grabStartNanos = System.nanoTime();
        Grab grab = source.grab(nextDisplay, tickElapsedNanos);
        switch (grab) {
          case ENDED -> {
            finish();
            return work + 1;
          }
          case PAUSED -> {
            pause(nextDisplay, source.pauseReason());
            nextDisplay++;
            continue;
          }
          case UNCHANGED -> {
            resume(nextDisplay);
            noteFocus();
            duplicateWithoutPixels(nextDisplay);
            nextDisplay++;
            work++;
            continue;
          }
          case FRAME -> {
            resume(nextDisplay);
            noteFocus();
            framePending = true;
          }
        }
      }
      if (!writer.tryClaim(source.frameWidth(), source.frameHeight())) {
        if (!source.isLive()) {
          return work; // a recording waits for the pipeline
        }
        source.frameDropped(nextDisplay);
        stats.recordDroppedTick();
        framePending = false;
        nextDisplay++;
        continue;
      }
      produce(nextDisplay);
      framePending = false;
      nextDisplay++;
      work++;
    }
    tickPending = false;
    ticks++;
    return work;
  }

  private long capturedAtNanos() {
    return source.isLive()
        ? startEpochNanos + (tickNanoTime - startNanoTime)
        : startEpochNanos + framesProduced * pacer.intervalNanos();
  }

  private byte[] recordingLabel(String label) {
    if (!label.equals(lastRecordingLabel)) {
      lastRecordingLabel = label;
      lastRecordingLabelBytes = FrameEvents.labelBytes(label);
    }
    return lastRecordingLabelBytes;
  }

  private void produce(int display) {
    int width = source.frameWidth();
    int height = source.frameHeight();
    // The pipeline diffs each frame against the display's previous kept one: this one.
    writer.diffAgainst(hasPrevious[display] ? previousPosition[display] : -1);
    source.writeFrameTo(writer);
    stats.recordGrab(System.nanoTime() - grabStartNanos);
    long fingerprint = writer.fingerprint();
    boolean sameAsPrevious =
        hasPrevious[display]
            && fingerprint == previousFingerprint[display]
            && width == previousWidth[display]
            && height == previousHeight[display];
    long seq = nextSeq++;
    long capturedAt = capturedAtNanos();
    clock.captured(capturedAt);
    long position;
    if (sameAsPrevious) {
      writer.abandon();
      position = previousPosition[display];
    } else {
      position = writer.commit(seq, capturedAt, display);
      previousPosition[display] = position;
      previousFingerprint[display] = fingerprint;
      previousWidth[display] = width;
      previousHeight[display] = height;
      hasPrevious[display] = true;
    }
    byte[] label = source.isLive() ? displayLabels[display] : recordingLabel(source.frameLabel());
    events.publishFrame(
        seq,
        capturedAt,
        position,
        fingerprint,
        sameAsPrevious,
        width,
        height,
        display,
        source.maskedRegions(),
        source.damage().isEmpty() ? null : source.damage(),
        label);
    framesProduced++;
    stats.recordCapture(tickNanoTime);
  }

  /**
   * The focused window the journal ended with (the last run's), before this agent starts: a run
   * that cannot tell the focus, or sees another, then journals the change at its first tick, so the
   * last run's window does not seem to keep the focus across the restart.
   */
  public void continueFrom(FocusedWindow journaled) {
    lastFocus = journaled;
  }

  /**
   * Tells the pipeline when the focused window changed, before the frame it first applies to (the
   * event queue had room for two messages).
   */
  private void noteFocus() {
    FocusedWindow focus = source.focusedWindow();
    if (!focus.equals(lastFocus)) {
      lastFocus = focus;
      events.publishContext(capturedAtNanos(), nextSeq, focus);
    }
  }

  /**
   * A hold taken while a tick waited for the pipeline: the rest of the tick is dropped, not
   * finished, so nothing is grabbed or written after the pause took effect. The source is told of
   * each display left, so the damage it already took for them is not lost (the next grab is whole).
   */
  private void dropPendingTick() {
    for (int display = nextDisplay; display < displays; display++) {
      source.frameDropped(display);
      stats.recordDroppedTick();
    }
    tickPending = false;
    framePending = false;
  }

  /** The source said nothing changed: a duplicate of the display's previous frame. */
  private void duplicateWithoutPixels(int display) {
    if (!hasPrevious[display]) {
      return;
    }
    events.publishFrame(
        nextSeq++,
        capturedAtNanos(),
        previousPosition[display],
        previousFingerprint[display],
        true,
        previousWidth[display],
        previousHeight[display],
        display,
        0,
        java.util.List.of(),
        displayLabels[display]);
    framesProduced++;
    stats.recordCapture(tickNanoTime);
    stats.recordSkippedGrab();
  }

  private void pause(int display, String reason) {
    if (!paused[display]) {
      paused[display] = true;
      pauseReason = reason;
      LOG.info("capture: paused on {}: {}", source.displays().get(display), pauseReason);
      events.publishCaptureState(
          capturedAtNanos(), display, true, FrameEvents.labelBytes(pauseReason));
    }
  }

  private void resume(int display) {
    if (paused[display]) {
      paused[display] = false;
      boolean anyPaused = false;
      for (boolean p : paused) {
        anyPaused |= p;
      }
      if (!anyPaused) {
        pauseReason = "";
      }
      LOG.info("capture: resumed on {}", source.displays().get(display));
      events.publishCaptureState(
          capturedAtNanos(), display, false, FrameEvents.labelBytes("resumed"));
    }
  }

  private void finish() {
    finished.set(true);
    LOG.info(
        "capture: {} has no more frames ({} produced, {} skipped); still serving the API",
        source.name(),
        framesProduced,
        source.skippedFrames());
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

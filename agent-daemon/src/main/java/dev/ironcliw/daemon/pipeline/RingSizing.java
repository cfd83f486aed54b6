package dev.ironcliw.daemon.pipeline;

import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.RingFileDescriptor;
import java.time.Duration;

/**
 * How many slots of the ring the capture thread goes round: as many as {@code capture.ringHistory}
 * asks for at {@code capture.fps}, when {@code memory.budgets.frameRing} holds them (and at most
 * what the ring was opened with), halved or cut to {@link #MINIMUM_SLOTS} under memory pressure.
 * Thread-safe; the resize itself runs on the capture thread.
 */
public final class RingSizing {
  /** Slots kept at the minimum: 0.4 s of frames at 10 FPS, room for the pipeline to lag. */
  public static final int MINIMUM_SLOTS = 4;

  /** What memory pressure asks of the ring. */
  public enum Limit {
    NONE,
    HALF,
    MINIMUM
  }

  private final FrameRing ring;
  private final CaptureAgent capture;
  private int budgetSlots;
  private int historySlots;
  private Limit limit = Limit.NONE;
  private volatile int targetSlots;

  public RingSizing(FrameRing ring, CaptureAgent capture) {
    this.ring = ring;
    this.capture = capture;
    this.budgetSlots = ring.geometry().slotCount();
    this.historySlots = budgetSlots;
    this.targetSlots = budgetSlots;
  }

  /**
   * The slots that hold {@code history} of distinct frames at {@code framesPerSecond} on each of
   * {@code displays}: every captured frame distinct, the most the capture can write; at least
   * {@link #MINIMUM_SLOTS}.
   */
  public static long historySlots(Duration history, double framesPerSecond, int displays) {
    double frames = history.toNanos() / 1e9 * framesPerSecond * displays;
    return Math.max(MINIMUM_SLOTS, (long) Math.ceil(frames - 1e-9));
  }

  /** A new {@code capture.ringHistory} or rate, as slots ({@link #historySlots}). */
  public synchronized void setHistory(long slots) {
    historySlots = (int) Math.min(slots, ring.geometry().slotCount());
    apply();
  }

  /** A new ring budget; at least 2 slots, which the config check makes sure of. */
  public synchronized void setBudget(long budgetBytes) {
    long slots = RingFileDescriptor.slotsIn(budgetBytes, ring.geometry().slotBytes());
    budgetSlots = (int) Math.max(2, Math.min(slots, ring.geometry().slotCount()));
    apply();
  }

  public synchronized void setLimit(Limit next) {
    limit = next;
    apply();
  }

  private void apply() {
    int wanted = Math.min(budgetSlots, historySlots);
    int slots =
        switch (limit) {
          case NONE -> wanted;
          case HALF -> Math.max(MINIMUM_SLOTS, wanted / 2);
          case MINIMUM -> MINIMUM_SLOTS;
        };
    targetSlots = Math.max(2, Math.min(slots, wanted));
    capture.resizeRing(targetSlots);
  }

  /** The slot count asked for last; the ring's own count follows within a frame interval. */
  public int targetSlots() {
    return targetSlots;
  }

  synchronized Limit limit() {
    return limit;
  }
}

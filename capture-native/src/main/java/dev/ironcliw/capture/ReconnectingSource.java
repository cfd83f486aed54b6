package dev.ironcliw.capture;

import dev.ironcliw.flow.Backoff;
import dev.ironcliw.flow.RetrySchedule;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.Rect;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live source that survives losing its connection: when the source it wraps throws {@link
 * SourceLostException}, it is closed, every display reports {@link Grab#PAUSED} with the reason,
 * and a new one is opened with exponential back-off (1 s, doubling, at most 30 s) until it
 * succeeds. Displays, sizes and name stay those of the first source: the ring was sized for them,
 * and a display the new source lacks stays paused.
 */
public final class ReconnectingSource implements CaptureSource {
  private static final Logger LOG = LoggerFactory.getLogger(ReconnectingSource.class);

  /** Waits between attempts to reconnect: 1 s, doubling, at most 30 s. */
  static final Backoff RECONNECT_BACKOFF =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  private final Supplier<CaptureSource> opener;
  private final LongSupplier nanoClock;
  private final String name;
  private final List<String> displays;
  private final int maxWidth;
  private final int maxHeight;

  /** Null while the connection is lost; read by status threads too. */
  private volatile CaptureSource source;

  private volatile String lostReason = "";

  /** Failures so far: losing the connection, then each attempt to reconnect that failed. */
  private final RetrySchedule retries = new RetrySchedule(RECONNECT_BACKOFF);

  private long reconnects;
  private volatile String state = "connected";
  private double framesPerSecond = Double.NaN;

  /**
   * @param first the source opened at start-up
   * @param opener opens a new source; throws a {@link RuntimeException} when it cannot yet
   * @param nanoClock {@link System#nanoTime} but in tests
   */
  public ReconnectingSource(
      CaptureSource first, Supplier<CaptureSource> opener, LongSupplier nanoClock) {
    this.source = first;
    this.opener = opener;
    this.nanoClock = nanoClock;
    this.name = first.name();
    this.displays = List.copyOf(first.displays());
    this.maxWidth = first.maxWidth();
    this.maxHeight = first.maxHeight();
  }

  @Override
  public Grab grab(int display, long elapsedNanos) {
    if (source == null && !reopen()) {
      return Grab.PAUSED;
    }
    if (display >= source.displays().size()) {
      return Grab.PAUSED;
    }
    try {
      return source.grab(display, elapsedNanos);
    } catch (SourceLostException e) {
      lose(e);
      return Grab.PAUSED;
    }
  }

  private void lose(SourceLostException e) {
    lostReason = e.getMessage();
    LOG.warn("capture: {}; reconnecting", lostReason);
    try {
      source.close();
    } catch (RuntimeException closing) {
      LOG.debug("capture: closing the lost source: {}", closing.toString());
    }
    source = null;
    retries.reset();
    retries.failed(nanoClock.getAsLong());
    updateState();
  }

  /** Tries to open a new source if its time has come; true when one is open. */
  private boolean reopen() {
    long now = nanoClock.getAsLong();
    if (!retries.due(now)) {
      return false;
    }
    try {
      source = opener.get();
    } catch (RuntimeException e) {
      retries.failed(now);
      LOG.debug("capture: reconnect attempt {} failed: {}", failedAttempts(), e.getMessage());
      updateState();
      return false;
    }
    reconnects++;
    if (!Double.isNaN(framesPerSecond)) {
      source.setFramesPerSecond(framesPerSecond);
    }
    LOG.info(
        "capture: reconnected to {} after {} failed attempts; displays {}",
        source.name(),
        failedAttempts(),
        source.displays());
    state = "connected";
    return true;
  }

  /** Attempts to reconnect that failed since the connection was lost (the loss is the first). */
  private int failedAttempts() {
    return retries.failures() - 1;
  }

  private void updateState() {
    state =
        "lost ("
            + lostReason
            + "); "
            + failedAttempts()
            + " reconnect attempts failed, next in "
            + Math.max(0, (retries.nextAttemptNanos() - nanoClock.getAsLong()) / 1_000_000_000L)
            + " s";
  }

  @Override
  public String connectionState() {
    return state;
  }

  @Override
  public long reconnects() {
    return reconnects;
  }

  @Override
  public String pauseReason() {
    CaptureSource open = source;
    return open == null ? "display lost: " + lostReason : open.pauseReason();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> displays() {
    return displays;
  }

  @Override
  public int maxWidth() {
    return maxWidth;
  }

  @Override
  public int maxHeight() {
    return maxHeight;
  }

  @Override
  public boolean isLive() {
    return true;
  }

  @Override
  public int frameWidth() {
    return source.frameWidth();
  }

  @Override
  public int frameHeight() {
    return source.frameHeight();
  }

  @Override
  public String frameLabel() {
    return source.frameLabel();
  }

  @Override
  public void copyFrameTo(MemorySegment pixels, int strideBytes) {
    source.copyFrameTo(pixels, strideBytes);
  }

  @Override
  public void writeFrameTo(FrameRingWriter writer) {
    source.writeFrameTo(writer);
  }

  @Override
  public List<Rect> damage() {
    return source == null ? List.of() : source.damage();
  }

  @Override
  public void frameDropped(int display) {
    if (source != null) {
      source.frameDropped(display);
    }
  }

  @Override
  public int maskedRegions() {
    return source == null ? 0 : source.maskedRegions();
  }

  @Override
  public FocusedWindow focusedWindow() {
    return source == null ? FocusedWindow.UNKNOWN : source.focusedWindow();
  }

  @Override
  public void setFramesPerSecond(double framesPerSecond) {
    this.framesPerSecond = framesPerSecond;
    if (source != null) {
      source.setFramesPerSecond(framesPerSecond);
    }
  }

  @Override
  public String grabMethod() {
    CaptureSource open = source;
    return open == null ? "disconnected" : open.grabMethod();
  }

  @Override
  public String resolution() {
    CaptureSource open = source;
    return open == null ? "disconnected" : open.resolution();
  }

  @Override
  public void close() {
    if (source != null) {
      source.close();
      source = null;
    }
  }
}

package dev.ironcliw.capture.macos;

import dev.ironcliw.capture.AccessibleText;
import dev.ironcliw.capture.CaptureResolution;
import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.FrameScale;
import dev.ironcliw.capture.Grab;
import dev.ironcliw.capture.TitlePatterns;
import dev.ironcliw.capture.WindowLocator;
import dev.ironcliw.flow.Backoff;
import dev.ironcliw.flow.RetrySchedule;
import dev.ironcliw.ring.Rect;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The macOS screen: one ScreenCaptureKit stream per selected display, kept open, polled each tick.
 * A display with no new frame (the stream is idle) is {@link Grab#UNCHANGED} without a copy; the
 * stream's dirty rectangles are the damage hint. Capture pauses while the Screen Recording
 * permission is missing or was revoked (checked again with backoff, see {@link
 * ScreenCapturePermission}) or the session is locked. A stream that stops is reopened, after 1 s
 * doubling to 30 s while it keeps stopping. At {@link CaptureResolution#POINTS} a Retina display's
 * frames are its point size, which ScreenCaptureKit scales to; windows, accessibility text and
 * dirty rectangles are then taken to the frames' pixels. Used by the capture thread.
 */
public final class MacScreenSource implements CaptureSource {
  static final String LOCKED = "the session is locked";

  /** Waits before a stopped stream is opened again: 1 s, doubling, at most 30 s. */
  static final Backoff REOPEN_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  private static final Logger LOG = LoggerFactory.getLogger(MacScreenSource.class);

  /** How often the frontmost window is asked for. */
  static final long FOCUS_POLL_NANOS = 250_000_000L;

  private final MacScreenApi api;
  private final LongSupplier nanoClock;
  private final ScreenCapturePermission permission;
  private final List<MacScreenApi.Display> displays;

  /** Each display's pixels per frame pixel. */
  private final List<FrameScale> scales;

  private final CaptureResolution resolution;
  private final MacScreenApi.DisplayStream[] streams;

  /** When each display's stopped stream may be opened again. */
  private final RetrySchedule[] reopens;

  private final List<String> excludeApps;
  private final List<String> excludeTitles;
  private final MacWindowRules rules;
  private double framesPerSecond;
  private FocusedWindow focused = FocusedWindow.UNKNOWN;
  private long nextFocusPollNanos;
  private long tickElapsedNanos = Long.MIN_VALUE;
  private String pauseReason = "";
  private int current;
  private MacScreenApi.FrameState currentState;
  private List<Rect> currentDamage = List.of();

  MacScreenSource(
      MacScreenApi api,
      LongSupplier nanoClock,
      List<String> displaySelection,
      CaptureResolution resolution,
      double framesPerSecond,
      List<String> excludeApps,
      List<String> excludeTitles) {
    this.api = api;
    this.nanoClock = nanoClock;
    this.permission = new ScreenCapturePermission(api);
    this.displays = select(api.displays(), displaySelection);
    this.resolution = resolution;
    this.scales = displays.stream().map(d -> d.frameScale(resolution)).toList();
    this.streams = new MacScreenApi.DisplayStream[displays.size()];
    this.reopens = new RetrySchedule[displays.size()];
    for (int d = 0; d < reopens.length; d++) {
      reopens[d] = new RetrySchedule(REOPEN_BACKOFF);
    }
    this.framesPerSecond = framesPerSecond;
    this.excludeApps = List.copyOf(excludeApps);
    this.excludeTitles = List.copyOf(excludeTitles);
    this.rules = new MacWindowRules(excludeApps, excludeTitles);
    this.nextFocusPollNanos = nanoClock.getAsLong(); // at the first tick
  }

  /**
   * The real macOS screen.
   *
   * @throws MacCaptureException with one line when capture cannot work on this Mac
   */
  public static MacScreenSource open(
      List<String> displaySelection,
      CaptureResolution resolution,
      double framesPerSecond,
      List<String> excludeApps,
      List<String> excludeTitles) {
    NativeMacScreenApi api = NativeMacScreenApi.load();
    if (!api.canExclude() && !(excludeApps.isEmpty() && excludeTitles.isEmpty())) {
      throw new MacCaptureException(
          "privacy exclusions need ScreenCaptureKit (macOS 12.3 or later); refusing to capture"
              + " with CGDisplayCreateImage, which cannot leave windows out (the default groups"
              + " of privacy.exclude.defaults are exclusions too: set it to [] and leave"
              + " privacy.exclude.apps and .titles empty to capture everything)");
    }
    return new MacScreenSource(
        api,
        System::nanoTime,
        displaySelection,
        resolution,
        framesPerSecond,
        excludeApps,
        excludeTitles);
  }

  static List<MacScreenApi.Display> select(List<MacScreenApi.Display> all, List<String> selection) {
    if (all.isEmpty()) {
      throw new MacCaptureException("no active display found");
    }
    if (selection.equals(List.of("all"))) {
      return List.copyOf(all);
    }
    if (selection.equals(List.of("primary"))) {
      return List.of(
          all.stream().filter(MacScreenApi.Display::main).findFirst().orElse(all.getFirst()));
    }
    List<MacScreenApi.Display> chosen = new ArrayList<>();
    for (String name : selection) {
      chosen.add(
          all.stream()
              .filter(d -> d.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new MacCaptureException(
                          "capture.displays names display '"
                              + name
                              + "', which this Mac does not have (it has: "
                              + String.join(
                                  ", ", all.stream().map(MacScreenApi.Display::name).toList())
                              + ")")));
    }
    return chosen;
  }

  @Override
  public String name() {
    return "macos:" + api.method();
  }

  @Override
  public List<String> displays() {
    return displays.stream().map(MacScreenApi.Display::name).toList();
  }

  @Override
  public int maxWidth() {
    int most = 0;
    for (int d = 0; d < displays.size(); d++) {
      most = Math.max(most, frameWidthOf(d));
    }
    return most;
  }

  @Override
  public int maxHeight() {
    int most = 0;
    for (int d = 0; d < displays.size(); d++) {
      most = Math.max(most, frameHeightOf(d));
    }
    return most;
  }

  private int frameWidthOf(int display) {
    return scales.get(display).frameSize(displays.get(display).pixelWidth());
  }

  private int frameHeightOf(int display) {
    return scales.get(display).frameSize(displays.get(display).pixelHeight());
  }

  @Override
  public String resolution() {
    if (resolution == CaptureResolution.PIXELS) {
      return "pixels";
    }
    List<String> each = new ArrayList<>();
    for (int d = 0; d < displays.size(); d++) {
      MacScreenApi.Display display = displays.get(d);
      each.add(
          display.name()
              + " "
              + display.pixelWidth()
              + "x"
              + display.pixelHeight()
              + (scales.get(d).displayPixelsPerFramePixel() == 2
                  ? " pixels, frames at its " + frameWidthOf(d) + "x" + frameHeightOf(d) + " points"
                  : " pixels, 1 a point"));
    }
    return "points (" + String.join("; ", each) + ")";
  }

  @Override
  public boolean isLive() {
    return true;
  }

  /** Changes the streams' frame interval (ScreenCaptureKit's minimumFrameInterval). */
  @Override
  public void setFramesPerSecond(double fps) {
    framesPerSecond = fps;
    for (MacScreenApi.DisplayStream stream : streams) {
      if (stream != null) {
        stream.setFramesPerSecond(fps);
      }
    }
  }

  @Override
  public Grab grab(int display, long elapsedNanos) {
    if (elapsedNanos != tickElapsedNanos) {
      tickElapsedNanos = elapsedNanos;
      boolean granted = permission.granted(nanoClock.getAsLong());
      if (!granted) {
        closeStreams(); // opened again once the permission is back
      }
      pauseReason = !granted ? permission.reason() : api.sessionLocked() ? LOCKED : "";
      long now = nanoClock.getAsLong();
      if (pauseReason.isEmpty() && now - nextFocusPollNanos >= 0) {
        focused = focusOf(api.frontWindow());
        nextFocusPollNanos = now + FOCUS_POLL_NANOS;
      }
    }
    if (!pauseReason.isEmpty()) {
      return Grab.PAUSED;
    }
    long now = nanoClock.getAsLong();
    if (streams[display] == null && !reopens[display].due(now)) {
      return Grab.UNCHANGED;
    }
    MacScreenApi.DisplayStream stream = stream(display);
    MacScreenApi.FrameState state = stream.poll();
    if (state.status() == FrameInfoLayout.FRAME_STOPPED) {
      reopens[display].failed(now);
      LOG.warn(
          "capture: the stream of {} stopped; reopening it in {} s",
          displays.get(display).name(),
          reopens[display].lastWaitNanos() / 1_000_000_000L);
      stream.close();
      streams[display] = null;
      permission.streamStopped();
      tickElapsedNanos = Long.MIN_VALUE; // the next grab asks about the permission again
      return Grab.UNCHANGED;
    }
    if (state.status() != FrameInfoLayout.FRAME_NEW) {
      return Grab.UNCHANGED;
    }
    reopens[display].reset();
    current = display;
    currentState = state;
    return Grab.FRAME;
  }

  /**
   * The frontmost window at most {@link #FOCUS_POLL_NANOS} old: asked for at a tick, since macOS
   * tells of a change only through a run loop this thread does not have.
   */
  @Override
  public FocusedWindow focusedWindow() {
    return focused;
  }

  /** Where this source's windows are, for a thread other than the capture thread. */
  public WindowLocator windowLocator() {
    return new MacWindowLocator(api, displays, scales, rules);
  }

  /** The focused window's accessibility text, for a thread other than the capture thread. */
  public AccessibleText accessibleText() {
    return new MacAccessibleText(api, displays, scales, rules);
  }

  /** What may be known of {@code front}: nothing of a window the privacy rules exclude. */
  private FocusedWindow focusOf(MacScreenApi.FrontWindow front) {
    if (front == null) {
      return FocusedWindow.UNKNOWN;
    }
    int display = -1;
    for (int i = 0; i < displays.size(); i++) {
      if (displays.get(i).id() == front.displayId()) {
        display = i;
      }
    }
    return rules.excludes(front.app(), front.bundleId(), front.title())
        ? FocusedWindow.excludedOn(display)
        : new FocusedWindow(front.app(), front.title(), display, false);
  }

  private void closeStreams() {
    for (int display = 0; display < streams.length; display++) {
      if (streams[display] != null) {
        streams[display].close();
        streams[display] = null;
      }
    }
  }

  private MacScreenApi.DisplayStream stream(int display) {
    if (streams[display] == null) {
      streams[display] =
          api.open(
              displays.get(display),
              frameWidthOf(display),
              frameHeightOf(display),
              framesPerSecond,
              excludeApps,
              TitlePatterns.forIcu(excludeTitles));
    }
    return streams[display];
  }

  @Override
  public int frameWidth() {
    return currentState.width();
  }

  @Override
  public int frameHeight() {
    return currentState.height();
  }

  @Override
  public String frameLabel() {
    return displays.get(current).name();
  }

  @Override
  public void copyFrameTo(MemorySegment pixels, int strideBytes) {
    MacScreenApi.FrameState copied =
        streams[current].copyLatest(pixels, strideBytes, frameWidth(), frameHeight());
    currentDamage =
        copied.status() == FrameInfoLayout.FRAME_NEW && copied.dirty() != null
            ? inFrame(copied.dirty(), scales.get(current), copied.width(), copied.height())
            : List.of();
  }

  /**
   * Dirty rectangles of a frame at {@code scale}, cut to it. Apple does not say whether they are in
   * the display's points or the scaled frame's pixels, and nothing here runs macOS to tell: at a
   * scale above 1 each is taken to cover both, from its corner as display pixels to its far corner
   * as frame pixels, so no change is missed either way.
   */
  static List<Rect> inFrame(List<Rect> dirty, FrameScale scale, int frameWidth, int frameHeight) {
    Rect frame = new Rect(0, 0, frameWidth, frameHeight);
    int s = scale.displayPixelsPerFramePixel();
    List<Rect> rects = new ArrayList<>(dirty.size());
    for (Rect r : dirty) {
      Rect covering =
          s == 1
              ? r
              : new Rect(
                  r.x() / s,
                  r.y() / s,
                  r.x() + r.width() - r.x() / s,
                  r.y() + r.height() - r.y() / s);
      Rect cut = covering.intersect(frame);
      if (cut != null) {
        rects.add(cut);
      }
    }
    return rects;
  }

  @Override
  public List<Rect> damage() {
    return currentDamage;
  }

  @Override
  public String pauseReason() {
    return pauseReason;
  }

  @Override
  public String grabMethod() {
    return api.method();
  }

  @Override
  public void close() {
    closeStreams();
  }
}

package dev.ironcliw.capture.macos;

import dev.ironcliw.capture.AccessibleLine;
import dev.ironcliw.capture.CaptureResolution;
import dev.ironcliw.ring.Rect;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A scripted macOS for tests: displays, a permission switch, a lock switch, queued frames, windows.
 */
final class FakeMacScreenApi implements MacScreenApi {
  /** Two displays at 1x; a test may put Retina ones (twice the pixels of their points) here. */
  List<Display> displays =
      List.of(
          new Display(1, "main", 8, 4, 8, 4, true), new Display(2, "display-2", 4, 2, 4, 2, false));

  /** The frame size each open asked for, as WIDTHxHEIGHT. */
  final List<String> openedSizes = new ArrayList<>();

  boolean permitted = true;
  boolean locked;
  int preflights;
  int requests;
  final List<String> opened = new ArrayList<>();
  final Deque<Integer> frames = new ArrayDeque<>();
  int copies;
  double fps;
  FrontWindow front;
  int frontReads;
  final java.util.Map<Integer, List<ScreenWindow>> windows = new java.util.HashMap<>();
  boolean accessibilityTrusted = true;
  List<AccessibleLine> focusedText;
  final List<String> focusedTextAsked = new ArrayList<>();

  /**
   * A source over this scripted Mac's displays, excluding 1Password by bundle id and titles with
   * "bank".
   */
  MacScreenSource source(java.util.function.LongSupplier nanoClock, List<String> displays) {
    return source(nanoClock, displays, CaptureResolution.POINTS);
  }

  MacScreenSource source(
      java.util.function.LongSupplier nanoClock,
      List<String> displays,
      CaptureResolution resolution) {
    return new MacScreenSource(
        this,
        nanoClock,
        displays,
        resolution,
        10,
        List.of("com.agilebits.onepassword7"),
        List.of("bank"));
  }

  @Override
  public List<Display> displays() {
    return displays;
  }

  @Override
  public boolean preflightScreenCapture() {
    preflights++;
    return permitted;
  }

  @Override
  public void requestScreenCapture() {
    requests++;
  }

  @Override
  public boolean sessionLocked() {
    return locked;
  }

  @Override
  public FrontWindow frontWindow() {
    frontReads++;
    return front;
  }

  @Override
  public List<ScreenWindow> windowsOn(Display display) {
    return windows.getOrDefault(display.id(), List.of());
  }

  @Override
  public boolean accessibilityTrusted() {
    return accessibilityTrusted;
  }

  @Override
  public List<AccessibleLine> focusedText(Display display, Rect area) {
    focusedTextAsked.add(display.name() + " " + area);
    return focusedText;
  }

  @Override
  public String method() {
    return "fake";
  }

  @Override
  public DisplayStream open(
      Display display,
      int frameWidth,
      int frameHeight,
      double fps,
      List<String> apps,
      List<String> titles) {
    opened.add(display.name() + " apps=" + apps + " titles=" + titles);
    openedSizes.add(frameWidth + "x" + frameHeight);
    this.fps = fps;
    return new DisplayStream() {
      @Override
      public FrameState poll() {
        Integer status = frames.peek();
        return new FrameState(
            status == null ? FrameInfoLayout.FRAME_IDLE : status, frameWidth, frameHeight, null);
      }

      @Override
      public FrameState copyLatest(MemorySegment target, int stride, int maxWidth, int maxHeight) {
        frames.poll();
        copies++;
        for (int y = 0; y < frameHeight; y++) {
          target.asSlice((long) y * stride, frameWidth * 4L).fill((byte) display.id());
        }
        return new FrameState(
            FrameInfoLayout.FRAME_NEW, frameWidth, frameHeight, List.of(new Rect(1, 1, 2, 2)));
      }

      @Override
      public void setFramesPerSecond(double newFps) {
        FakeMacScreenApi.this.fps = newFps;
      }

      @Override
      public void close() {}
    };
  }
}

package dev.ironcliw.capture.macos;

import dev.ironcliw.capture.AccessibleLine;
import dev.ironcliw.capture.CaptureResolution;
import dev.ironcliw.capture.FrameScale;
import dev.ironcliw.ring.Rect;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The macOS calls the capture needs, behind an interface so the logic around them (permission,
 * lock, display selection, unchanged frames) is tested on any OS with a fake. {@link
 * NativeMacScreenApi} is the real one.
 */
interface MacScreenApi {
  /**
   * One display.
   *
   * @param id CGDirectDisplayID
   * @param name a stable name for {@code capture.displays}: {@code main} or {@code display-<id>}
   * @param pixelWidth width in device pixels (Retina: twice the points)
   * @param pixelHeight height in device pixels
   * @param pointWidth width in points, what the display mode calls its width
   * @param pointHeight height in points
   * @param main the main display
   */
  record Display(
      int id,
      String name,
      int pixelWidth,
      int pixelHeight,
      int pointWidth,
      int pointHeight,
      boolean main) {
    /**
     * The display's pixels per frame pixel at {@code resolution}: 2 for a display drawn at 1.75x or
     * more (a Retina mode draws at 2x) captured at {@link CaptureResolution#POINTS}, else 1.
     */
    FrameScale frameScale(CaptureResolution resolution) {
      return resolution == CaptureResolution.POINTS && pixelWidth * 4L >= pointWidth * 7L
          ? new FrameScale(2)
          : FrameScale.ONE;
    }
  }

  /**
   * What a poll or copy found.
   *
   * @param status one of {@link FrameInfoLayout}'s FRAME_ codes
   * @param width frame width in pixels
   * @param height frame height in pixels
   * @param dirty changed rectangles since the previous copy, or null when unknown
   */
  record FrameState(int status, int width, int height, List<Rect> dirty) {}

  /**
   * The frontmost application and its frontmost window.
   *
   * @param app the application's name
   * @param bundleId its bundle identifier, empty when it has none
   * @param title the window's title, empty when it has none or cannot be read
   * @param displayId the CGDirectDisplayID holding the window's centre, 0 when unknown
   */
  record FrontWindow(String app, String bundleId, String title, int displayId) {}

  /**
   * An on-screen window.
   *
   * @param area the part of it on the display asked about, in that display's pixels
   * @param app its application's name
   * @param bundleId its bundle identifier, empty when it has none
   * @param title its title, empty when it has none or cannot be read
   */
  record ScreenWindow(Rect area, String app, String bundleId, String title) {}

  /** One open capture of a display. */
  interface DisplayStream extends AutoCloseable {
    FrameState poll();

    /** Copies the newest frame into {@code target}, rows {@code stride} bytes apart. */
    FrameState copyLatest(MemorySegment target, int stride, int maxWidth, int maxHeight);

    void setFramesPerSecond(double fps);

    @Override
    void close();
  }

  List<Display> displays();

  boolean preflightScreenCapture();

  void requestScreenCapture();

  boolean sessionLocked();

  /** The frontmost window now, or null when there is no frontmost application. */
  FrontWindow frontWindow();

  /**
   * The windows of the normal layer on {@code display} now, front to back; empty when they cannot
   * be known (no shim). Safe to call from any thread.
   */
  List<ScreenWindow> windowsOn(Display display);

  /** Whether this process may use the accessibility interface (the Accessibility permission). */
  boolean accessibilityTrusted();

  /**
   * The text of the focused window inside {@code area} of {@code display} (its pixels) as its
   * accessibility elements give it; null when it cannot be had (no permission, no focused window,
   * the area not all inside it, no text there). Safe to call from any thread.
   */
  List<AccessibleLine> focusedText(Display display, Rect area);

  /** {@code screencapturekit} or {@code coregraphics}. */
  String method();

  /**
   * Opens a capture whose frames are {@code frameWidth} x {@code frameHeight}: the display's
   * pixels, or fewer (its points), scaled down by ScreenCaptureKit or, in the CoreGraphics
   * fallback, by {@link dev.ironcliw.capture.HalfScale}.
   *
   * @throws MacCaptureException with one line when the stream cannot be opened
   */
  DisplayStream open(
      Display display,
      int frameWidth,
      int frameHeight,
      double fps,
      List<String> excludeApps,
      List<String> excludeTitles);
}

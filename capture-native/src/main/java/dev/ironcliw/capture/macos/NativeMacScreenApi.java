package dev.ironcliw.capture.macos;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.ironcliw.capture.AccessibleLine;
import dev.ironcliw.capture.HalfScale;
import dev.ironcliw.ring.Rect;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The real macOS calls: ScreenCaptureKit through the Swift shim when it is there and the OS has it
 * (12.3+), else CGDisplayCreateImage when that symbol still resolves. Has never run: nothing here
 * runs macOS (see the README).
 */
final class NativeMacScreenApi implements MacScreenApi {
  /** Bytes read of an application's name or bundle id. */
  private static final int FRONT_APP_BYTES = 256;

  /** Bytes read of a window title (the journal keeps 1 KiB of one). */
  private static final int FRONT_TITLE_BYTES = 4096;

  /** {@code IRONCLIW_WINDOWS_NO_ROOM} of {@code ironcliw_capture.h}. */
  static final int WINDOWS_NO_ROOM = -2;

  /** Room for the windows' lines; grown (up to the most) when there are more. */
  private static final int WINDOWS_FIRST_CAPACITY = 16 << 10;

  private static final int WINDOWS_MOST_CAPACITY = 4 << 20;

  /** Results of {@code ironcliw_focused_text} below zero, as {@code ironcliw_capture.h}. */
  static final int AX_NOT_TRUSTED = -1;

  static final int AX_NO_ROOM = -2;
  static final int AX_NONE = -3;

  /** Elements of a window walked at most for its text. */
  private static final int AX_MAX_ELEMENTS = 4000;

  private final CoreGraphics cg;
  private final CaptureShim shim;

  private NativeMacScreenApi(CoreGraphics cg, CaptureShim shim) {
    this.cg = cg;
    this.shim = shim;
  }

  static NativeMacScreenApi load() {
    CoreGraphics cg;
    try {
      cg = CoreGraphics.load();
    } catch (UnsatisfiedLinkError e) {
      throw new MacCaptureException("CoreGraphics cannot be loaded; macOS capture needs macOS", e);
    }
    CaptureShim shim;
    try {
      shim = CaptureShim.load();
      if (shim.ironcliw_sck_available() == 0) {
        shim = null;
      }
    } catch (UnsatisfiedLinkError e) {
      shim = null;
    }
    boolean createImage;
    try {
      NativeLibrary.getInstance("CoreGraphics").getFunction("CGDisplayCreateImage");
      createImage = true;
    } catch (UnsatisfiedLinkError e) {
      createImage = false;
    }
    if (shim == null && !createImage) {
      throw new MacCaptureException(
          "no screen capture API on this Mac: the ScreenCaptureKit shim is missing (build on macOS"
              + " 12.3+) and CGDisplayCreateImage does not resolve");
    }
    return new NativeMacScreenApi(cg, shim);
  }

  boolean canExclude() {
    return shim != null;
  }

  @Override
  public String method() {
    return shim != null ? "screencapturekit" : "coregraphics";
  }

  @Override
  public List<Display> displays() {
    int[] ids = new int[16];
    IntByReference count = new IntByReference();
    cg.CGGetActiveDisplayList(ids.length, ids, count);
    int main = cg.CGMainDisplayID();
    List<Display> displays = new ArrayList<>();
    for (int i = 0; i < count.getValue(); i++) {
      Pointer mode = cg.CGDisplayCopyDisplayMode(ids[i]);
      int width = (int) cg.CGDisplayModeGetPixelWidth(mode);
      int height = (int) cg.CGDisplayModeGetPixelHeight(mode);
      int pointWidth = (int) cg.CGDisplayModeGetWidth(mode);
      int pointHeight = (int) cg.CGDisplayModeGetHeight(mode);
      cg.CGDisplayModeRelease(mode);
      boolean isMain = ids[i] == main;
      displays.add(
          new Display(
              ids[i],
              isMain ? "main" : "display-" + Integer.toUnsignedString(ids[i]),
              width,
              height,
              pointWidth,
              pointHeight,
              isMain));
    }
    return displays;
  }

  @Override
  public boolean preflightScreenCapture() {
    return cg.CGPreflightScreenCaptureAccess() != 0;
  }

  @Override
  public void requestScreenCapture() {
    cg.CGRequestScreenCaptureAccess();
  }

  @Override
  public boolean sessionLocked() {
    return shim != null && shim.ironcliw_session_locked() != 0;
  }

  @Override
  public synchronized FrontWindow frontWindow() {
    if (shim == null) {
      return null;
    }
    byte[] app = new byte[FRONT_APP_BYTES];
    byte[] bundle = new byte[FRONT_APP_BYTES];
    byte[] title = new byte[FRONT_TITLE_BYTES];
    IntByReference display = new IntByReference();
    if (shim.ironcliw_front_window(
            app, app.length, bundle, bundle.length, title, title.length, display)
        == 0) {
      return null;
    }
    return new FrontWindow(cString(app), cString(bundle), cString(title), display.getValue());
  }

  @Override
  public List<ScreenWindow> windowsOn(Display display) {
    if (shim == null) {
      return List.of();
    }
    byte[] out = new byte[WINDOWS_FIRST_CAPACITY];
    int count;
    synchronized (this) {
      while ((count = shim.ironcliw_windows_on(display.id(), out, out.length)) == WINDOWS_NO_ROOM
          && out.length < WINDOWS_MOST_CAPACITY) {
        out = new byte[out.length * 4];
      }
    }
    if (count <= 0) {
      return List.of();
    }
    return ShimWindowLines.parse(cString(out));
  }

  @Override
  public boolean accessibilityTrusted() {
    return shim != null && shim.ironcliw_ax_trusted() != 0;
  }

  @Override
  public List<AccessibleLine> focusedText(Display display, Rect area) {
    if (shim == null) {
      return null;
    }
    byte[] out = new byte[WINDOWS_FIRST_CAPACITY];
    int count;
    synchronized (this) {
      while ((count =
                  shim.ironcliw_focused_text(
                      display.id(),
                      area.x(),
                      area.y(),
                      area.width(),
                      area.height(),
                      AX_MAX_ELEMENTS,
                      out,
                      out.length))
              == AX_NO_ROOM
          && out.length < WINDOWS_MOST_CAPACITY) {
        out = new byte[out.length * 4];
      }
    }
    return count <= 0 ? null : ShimAccessibleLines.parse(cString(out));
  }

  /** The text of a NUL-terminated UTF-8 buffer. */
  private static String cString(byte[] buffer) {
    int end = 0;
    while (end < buffer.length && buffer[end] != 0) {
      end++;
    }
    return new String(buffer, 0, end, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public DisplayStream open(
      Display display,
      int frameWidth,
      int frameHeight,
      double fps,
      List<String> excludeApps,
      List<String> excludeTitles) {
    if (shim == null) {
      return new CoreGraphicsStream(display, frameWidth, frameHeight);
    }
    IntByReference error = new IntByReference();
    Pointer stream =
        shim.ironcliw_sck_open(
            display.id(),
            frameWidth,
            frameHeight,
            fps,
            excludeApps.toArray(String[]::new),
            excludeApps.size(),
            excludeTitles.toArray(String[]::new),
            excludeTitles.size(),
            error);
    if (stream == null) {
      throw new MacCaptureException(
          "ScreenCaptureKit could not open display "
              + display.name()
              + " (error "
              + error.getValue()
              + ")");
    }
    return new ScreenCaptureKitStream(stream);
  }

  /** One SCStream in the shim. */
  private final class ScreenCaptureKitStream implements DisplayStream {
    private final Pointer stream;
    private final Memory info = new Memory(FrameInfoLayout.SIZE);

    ScreenCaptureKitStream(Pointer stream) {
      this.stream = stream;
    }

    @Override
    public FrameState poll() {
      info.clear();
      int status = shim.ironcliw_sck_poll(stream, info);
      return new FrameState(
          status, info.getInt(FrameInfoLayout.WIDTH), info.getInt(FrameInfoLayout.HEIGHT), null);
    }

    @Override
    public FrameState copyLatest(MemorySegment target, int stride, int maxWidth, int maxHeight) {
      info.clear();
      int status =
          shim.ironcliw_sck_copy_latest(
              stream, new Pointer(target.address()), stride, maxWidth, maxHeight, info);
      return new FrameState(
          status, info.getInt(FrameInfoLayout.WIDTH), info.getInt(FrameInfoLayout.HEIGHT), dirty());
    }

    private List<Rect> dirty() {
      int count = info.getInt(FrameInfoLayout.DIRTY_COUNT);
      if (count < 0) {
        return null;
      }
      List<Rect> rects = new ArrayList<>(count);
      for (int i = 0; i < Math.min(count, FrameInfoLayout.MAX_DIRTY_RECTS); i++) {
        long at = FrameInfoLayout.DIRTY + (long) i * FrameInfoLayout.RECT_BYTES;
        rects.add(
            new Rect(
                info.getInt(at), info.getInt(at + 4), info.getInt(at + 8), info.getInt(at + 12)));
      }
      return rects;
    }

    @Override
    public void setFramesPerSecond(double fps) {
      shim.ironcliw_sck_set_fps(stream, fps);
    }

    @Override
    public void close() {
      shim.ironcliw_sck_close(stream);
    }
  }

  /**
   * The fallback before macOS 12.3: a CGDisplayCreateImage per frame; no change information. The
   * image has the display's pixels; where frames are smaller (its points), it is converted whole
   * into a scratch buffer and halved from there.
   */
  private final class CoreGraphicsStream implements DisplayStream {
    private final Display display;
    private final int frameWidth;
    private final int frameHeight;
    private final Arena scratchArena = Arena.ofShared();
    private MemorySegment scratch;
    private Pointer image;

    CoreGraphicsStream(Display display, int frameWidth, int frameHeight) {
      this.display = display;
      this.frameWidth = frameWidth;
      this.frameHeight = frameHeight;
    }

    /** Whether an image of this size is halved into frames. */
    private boolean halves(int width, int height) {
      return width / 2 == frameWidth && height / 2 == frameHeight;
    }

    @Override
    public FrameState poll() {
      release();
      image = cg.CGDisplayCreateImage(display.id());
      if (image == null) {
        return new FrameState(FrameInfoLayout.FRAME_NONE, 0, 0, null);
      }
      int width = (int) cg.CGImageGetWidth(image);
      int height = (int) cg.CGImageGetHeight(image);
      return halves(width, height)
          ? new FrameState(FrameInfoLayout.FRAME_NEW, frameWidth, frameHeight, null)
          : new FrameState(FrameInfoLayout.FRAME_NEW, width, height, null);
    }

    @Override
    @SuppressWarnings("restricted")
    public FrameState copyLatest(MemorySegment target, int stride, int maxWidth, int maxHeight) {
      if (image == null) {
        return new FrameState(FrameInfoLayout.FRAME_NONE, 0, 0, null);
      }
      int width = (int) cg.CGImageGetWidth(image);
      int height = (int) cg.CGImageGetHeight(image);
      boolean halved = halves(width, height);
      int outWidth = halved ? frameWidth : width;
      int outHeight = halved ? frameHeight : height;
      if (outWidth > maxWidth || outHeight > maxHeight) {
        release();
        return new FrameState(FrameInfoLayout.FRAME_TOO_LARGE, outWidth, outHeight, null);
      }
      CgPixelFormat format =
          CgPixelFormat.of(
              cg.CGImageGetBitmapInfo(image),
              (int) cg.CGImageGetBitsPerPixel(image),
              (int) cg.CGImageGetBitsPerComponent(image));
      int bytesPerRow = (int) cg.CGImageGetBytesPerRow(image);
      Pointer data = cg.CGDataProviderCopyData(cg.CGImageGetDataProvider(image));
      try {
        CoreGraphics.CoreFoundation cf = CoreGraphics.CoreFoundation.INSTANCE;
        MemorySegment source =
            MemorySegment.ofAddress(Pointer.nativeValue(cf.CFDataGetBytePtr(data)))
                .reinterpret(cf.CFDataGetLength(data));
        if (halved) {
          long fullStride = width * 4L;
          if (scratch == null || scratch.byteSize() < fullStride * height) {
            scratch = scratchArena.allocate(fullStride * height, 64);
          }
          PixelRows.copyToBgrx(
              source, bytesPerRow, format, scratch, (int) fullStride, width, height);
          HalfScale.copy(scratch, 0, fullStride, target, 0, stride, outWidth, outHeight);
        } else {
          PixelRows.copyToBgrx(source, bytesPerRow, format, target, stride, width, height);
        }
      } finally {
        CoreGraphics.CoreFoundation.INSTANCE.CFRelease(data);
        release();
      }
      return new FrameState(FrameInfoLayout.FRAME_NEW, outWidth, outHeight, null);
    }

    @Override
    public void setFramesPerSecond(double fps) {
      // each frame is a fresh image; the capture agent's pacing sets the rate
    }

    private void release() {
      if (image != null) {
        cg.CGImageRelease(image);
        image = null;
      }
    }

    @Override
    public void close() {
      release();
      scratchArena.close();
    }
  }
}

package dev.ironcliw.capture.x11;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.ironcliw.capture.x11.layout.XErrorEventLayout;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Xlib connection with the process-wide error handler installed, so an X error (a window that
 * vanished mid-query, say) is recorded for the caller instead of ending the process as Xlib's
 * default handler does. A broken connection (the server went away) is marked {@link #lost()}
 * instead of ending the process, where libX11 has {@code XSetIOErrorExitHandler} (1.7 and later).
 * Used by one thread at a time.
 */
public final class X11Connection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(X11Connection.class);
  private static final Map<Long, String> LAST_ERROR = new ConcurrentHashMap<>();

  /** Displays whose connection broke, by Display pointer. */
  private static final Set<Long> LOST = ConcurrentHashMap.newKeySet();

  /** Held here for as long as the process lives: Xlib keeps the function pointers. */
  private static final Xlib.IoErrorHandler IO_ERROR_HANDLER =
      display -> {
        LOST.add(Pointer.nativeValue(display));
        return 0;
      };

  private static final Xlib.IoErrorExitHandler IO_ERROR_EXIT_HANDLER =
      (display, userData) -> LOST.add(Pointer.nativeValue(display));

  private static final Xlib.ErrorHandler HANDLER =
      (display, event) -> {
        LAST_ERROR.put(
            Pointer.nativeValue(display),
            "X error "
                + (event.getByte(XErrorEventLayout.ERROR_CODE) & 0xFF)
                + " on request "
                + (event.getByte(XErrorEventLayout.REQUEST_CODE) & 0xFF)
                + " for resource 0x"
                + Long.toHexString(event.getLong(XErrorEventLayout.RESOURCE_ID)));
        return 0;
      };
  private static volatile boolean handlerInstalled;

  private final String name;
  private final Pointer display;
  private final int screen;
  private final long root;

  private X11Connection(String name, Pointer display) {
    this.name = name;
    this.display = display;
    this.screen = Xlib.INSTANCE.XDefaultScreen(display);
    this.root = Xlib.INSTANCE.XRootWindow(display, screen);
  }

  /**
   * Connects to {@code displayName} (null: $DISPLAY).
   *
   * @throws X11Exception with one line naming the display when it cannot be opened
   */
  public static X11Connection open(String displayName) {
    String shown = displayName != null ? displayName : System.getenv("DISPLAY");
    Xlib xlib;
    try {
      xlib = Xlib.INSTANCE;
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new X11Exception("libX11 is not installed; X11 capture needs it (package libx11-6)", e);
    }
    installHandler(xlib);
    Pointer display = xlib.XOpenDisplay(displayName);
    if (display == null) {
      throw new X11Exception(
          "cannot open X display '"
              + (shown == null ? "" : shown)
              + "': is the X server running and DISPLAY right?");
    }
    LOST.remove(Pointer.nativeValue(display)); // a new Display may reuse a freed one's address
    try {
      xlib.XSetIOErrorExitHandler(display, IO_ERROR_EXIT_HANDLER, null);
    } catch (UnsatisfiedLinkError e) {
      LOG.warn(
          "libX11 is older than 1.7 (no XSetIOErrorExitHandler): the daemon ends if the X server"
              + " goes away");
    }
    return new X11Connection(shown, display);
  }

  private static synchronized void installHandler(Xlib xlib) {
    if (!handlerInstalled) {
      xlib.XSetErrorHandler(HANDLER);
      xlib.XSetIOErrorHandler(IO_ERROR_HANDLER);
      handlerInstalled = true;
    }
  }

  /** True once the connection broke (the server went away); every call on it then fails. */
  public boolean lost() {
    return LOST.contains(Pointer.nativeValue(display));
  }

  /** Waits for the server to process every request; returns the error they caused, or null. */
  public String syncAndTakeError() {
    Xlib.INSTANCE.XSync(display, 0);
    return LAST_ERROR.remove(Pointer.nativeValue(display));
  }

  public String name() {
    return name;
  }

  Pointer display() {
    return display;
  }

  int screen() {
    return screen;
  }

  long root() {
    return root;
  }

  public int width() {
    return Xlib.INSTANCE.XDisplayWidth(display, screen);
  }

  public int height() {
    return Xlib.INSTANCE.XDisplayHeight(display, screen);
  }

  /** Reads a window's geometry and map state into {@code attributes}; false if it is gone. */
  boolean windowAttributes(long window, Memory attributes) {
    return Xlib.INSTANCE.XGetWindowAttributes(display, window, attributes) != 0;
  }

  @Override
  public void close() {
    LAST_ERROR.remove(Pointer.nativeValue(display));
    Xlib.INSTANCE.XCloseDisplay(display);
    LOST.remove(Pointer.nativeValue(display));
  }
}

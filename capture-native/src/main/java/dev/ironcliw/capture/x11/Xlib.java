package dev.ironcliw.capture.x11;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The libX11 calls the X11 capture uses, mapped by hand (jna-platform's mapping lacks several).
 * XIDs and Atoms are C {@code unsigned long}, 64 bits on the LP64 systems X11 capture runs on.
 */
interface Xlib extends Library {
  Xlib INSTANCE = Native.load("X11", Xlib.class);

  int Z_PIXMAP = 2;
  long ALL_PLANES = -1L;
  int IS_VIEWABLE = 2;

  /** {@code int handler(Display*, XErrorEvent*)}. */
  interface ErrorHandler extends Callback {
    int invoke(Pointer display, Pointer errorEvent);
  }

  Pointer XOpenDisplay(String name);

  int XCloseDisplay(Pointer display);

  ErrorHandler XSetErrorHandler(ErrorHandler handler);

  /** {@code int handler(Display*)}: the connection broke; Xlib's default one prints and exits. */
  interface IoErrorHandler extends Callback {
    int invoke(Pointer display);
  }

  /**
   * {@code void handler(Display*, void*)}, called after the I/O error handler. Xlib's default one
   * calls {@code exit(1)}; when a handler returns, the display is dead but the process lives, and
   * every later call on it fails at once.
   */
  interface IoErrorExitHandler extends Callback {
    void invoke(Pointer display, Pointer userData);
  }

  IoErrorHandler XSetIOErrorHandler(IoErrorHandler handler);

  /** libX11 1.7 and later; an older one lacks it, and the process ends with the server. */
  void XSetIOErrorExitHandler(Pointer display, IoErrorExitHandler handler, Pointer userData);

  int XDefaultScreen(Pointer display);

  long XRootWindow(Pointer display, int screen);

  int XDisplayWidth(Pointer display, int screen);

  int XDisplayHeight(Pointer display, int screen);

  int XDefaultDepth(Pointer display, int screen);

  Pointer XDefaultVisual(Pointer display, int screen);

  int XSync(Pointer display, int discard);

  int XFlush(Pointer display);

  int XPending(Pointer display);

  int XNextEvent(Pointer display, Pointer event);

  int XSelectInput(Pointer display, long window, long eventMask);

  int XTranslateCoordinates(
      Pointer display,
      long source,
      long destination,
      int sourceX,
      int sourceY,
      IntByReference destinationX,
      IntByReference destinationY,
      long[] child);

  int XFree(Pointer data);

  Pointer XGetImage(
      Pointer display,
      long drawable,
      int x,
      int y,
      int width,
      int height,
      long planeMask,
      int format);

  int XGetWindowAttributes(Pointer display, long window, Pointer attributes);

  int XQueryTree(
      Pointer display,
      long window,
      long[] root,
      long[] parent,
      com.sun.jna.ptr.PointerByReference children,
      IntByReference count);

  long XInternAtom(Pointer display, String name, int onlyIfExists);

  Pointer XGetAtomName(Pointer display, long atom);

  int XGetWindowProperty(
      Pointer display,
      long window,
      long property,
      long offset,
      long length,
      int delete,
      long requestedType,
      long[] actualType,
      IntByReference actualFormat,
      long[] itemCount,
      long[] bytesAfter,
      com.sun.jna.ptr.PointerByReference data);

  /**
   * The root window's RESOURCE_MANAGER property (what {@code xrdb} loaded) as it was when the
   * display was opened; owned by Xlib, may be null.
   */
  Pointer XResourceManagerString(Pointer display);

  int XGrabServer(Pointer display);

  int XUngrabServer(Pointer display);
}

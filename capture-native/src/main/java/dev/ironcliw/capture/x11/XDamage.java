package dev.ironcliw.capture.x11;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The DAMAGE extension (libXdamage) and the region calls of XFIXES (libXfixes) it needs. */
interface XDamage extends Library {
  XDamage INSTANCE = Native.load("Xdamage", XDamage.class);

  /** One event when the damage goes from empty to not empty: at most one per subtract. */
  int REPORT_NON_EMPTY = 3;

  /** {@code XDamageNotify}, added to the extension's event base. */
  int NOTIFY = 0;

  int XDamageQueryExtension(Pointer display, IntByReference eventBase, IntByReference errorBase);

  int XDamageQueryVersion(Pointer display, IntByReference major, IntByReference minor);

  long XDamageCreate(Pointer display, long drawable, int level);

  void XDamageSubtract(Pointer display, long damage, long repair, long parts);

  void XDamageDestroy(Pointer display, long damage);

  /** libXfixes. */
  interface Fixes extends Library {
    Fixes INSTANCE = Native.load("Xfixes", Fixes.class);

    int XFixesQueryExtension(Pointer display, IntByReference eventBase, IntByReference errorBase);

    int XFixesQueryVersion(Pointer display, IntByReference major, IntByReference minor);

    long XFixesCreateRegion(Pointer display, Pointer rectangles, int count);

    void XFixesDestroyRegion(Pointer display, long region);

    /** The region's rectangles ({@link XRectangleLayout}), freed with XFree. */
    Pointer XFixesFetchRegion(Pointer display, long region, IntByReference count);
  }
}

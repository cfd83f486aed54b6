package dev.ironcliw.capture.x11;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** RandR 1.5 monitors (libXrandr). */
interface XRandr extends Library {
  XRandr INSTANCE = Native.load("Xrandr", XRandr.class);

  int XRRQueryExtension(Pointer display, IntByReference eventBase, IntByReference errorBase);

  /** An array of {@link XRRMonitorInfoLayout}, freed with XRRFreeMonitors. */
  Pointer XRRGetMonitors(Pointer display, long window, int getActive, IntByReference count);

  void XRRFreeMonitors(Pointer monitors);

  Pointer XRRAllocateMonitor(Pointer display, int outputs);

  void XRRSetMonitor(Pointer display, long window, Pointer monitor);
}

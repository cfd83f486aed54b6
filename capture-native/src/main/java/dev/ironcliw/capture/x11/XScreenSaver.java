package dev.ironcliw.capture.x11;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The MIT-SCREEN-SAVER extension (libXss). */
interface XScreenSaver extends Library {
  XScreenSaver INSTANCE = Native.load("Xss", XScreenSaver.class);

  int STATE_ON = 1;

  /** A notify event's state while the saver cycles: on, too. */
  int STATE_CYCLE = 2;

  /** {@code ScreenSaverNotifyMask}: a ScreenSaverNotify event as the saver goes on or off. */
  long NOTIFY_MASK = 1;

  /** {@code ScreenSaverNotify}, added to the extension's event base. */
  int NOTIFY = 0;

  int XScreenSaverQueryExtension(
      Pointer display, IntByReference eventBase, IntByReference errorBase);

  /** Fills an {@link XScreenSaverInfoLayout}. */
  int XScreenSaverQueryInfo(Pointer display, long drawable, Pointer info);

  void XScreenSaverSelectInput(Pointer display, long drawable, long mask);
}

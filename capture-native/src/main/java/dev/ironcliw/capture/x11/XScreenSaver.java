package dev.ironcliw.capture.x11;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The MIT-SCREEN-SAVER extension (libXss). */
interface XScreenSaver extends Library {
  XScreenSaver INSTANCE = Native.load("Xss", XScreenSaver.class);

  int STATE_ON = 1;

  int XScreenSaverQueryExtension(
      Pointer display, IntByReference eventBase, IntByReference errorBase);

  /** Fills an {@link XScreenSaverInfoLayout}. */
  int XScreenSaverQueryInfo(Pointer display, long drawable, Pointer info);
}

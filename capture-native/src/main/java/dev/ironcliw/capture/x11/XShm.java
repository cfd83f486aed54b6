package dev.ironcliw.capture.x11;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The MIT-SHM calls of libXext. */
interface XShm extends Library {
  XShm INSTANCE = Native.load("Xext", XShm.class);

  int XShmQueryExtension(Pointer display);

  Pointer XShmCreateImage(
      Pointer display,
      Pointer visual,
      int depth,
      int format,
      Pointer data,
      Pointer segmentInfo,
      int width,
      int height);

  int XShmAttach(Pointer display, Pointer segmentInfo);

  int XShmDetach(Pointer display, Pointer segmentInfo);

  int XShmGetImage(Pointer display, long drawable, Pointer image, int x, int y, long planeMask);
}

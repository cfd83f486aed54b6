package dev.ironcliw.capture.macos;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The ScreenCaptureKit shim's C ABI ({@code ironcliw_capture.h}), from {@code
 * libironcliwcapture.dylib}, which the Maven build puts on the classpath on macOS only.
 */
interface CaptureShim extends Library {
  static CaptureShim load() {
    return Native.load("ironcliwcapture", CaptureShim.class);
  }

  int ironcliw_sck_available();

  Pointer ironcliw_sck_open(
      int displayId,
      int width,
      int height,
      double fps,
      String[] excludeApps,
      int excludeAppCount,
      String[] excludeTitles,
      int excludeTitleCount,
      IntByReference error);

  int ironcliw_sck_poll(Pointer stream, Pointer info);

  int ironcliw_sck_copy_latest(
      Pointer stream, Pointer destination, int stride, int maxWidth, int maxHeight, Pointer info);

  void ironcliw_sck_set_fps(Pointer stream, double fps);

  void ironcliw_sck_close(Pointer stream);

  int ironcliw_session_locked();

  int ironcliw_front_window(
      byte[] app,
      int appCapacity,
      byte[] bundleId,
      int bundleCapacity,
      byte[] title,
      int titleCapacity,
      IntByReference displayId);

  int ironcliw_windows_on(int displayId, byte[] out, int outCapacity);

  int ironcliw_ax_trusted();

  int ironcliw_focused_text(
      int displayId,
      int x,
      int y,
      int width,
      int height,
      int maxElements,
      byte[] out,
      int outCapacity);

  int ironcliw_recognize_text(
      byte[] grey,
      int width,
      int height,
      int stride,
      String languages,
      byte[] out,
      int outCapacity);
}

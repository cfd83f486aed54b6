package dev.ironcliw.capture.macos;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The CoreGraphics and CoreFoundation calls of macOS capture. C {@code bool} returns are mapped as
 * {@code byte}; {@code size_t} as {@code long}; CGDirectDisplayID as {@code int}.
 */
interface CoreGraphics extends Library {
  static CoreGraphics load() {
    return Native.load("CoreGraphics", CoreGraphics.class);
  }

  byte CGPreflightScreenCaptureAccess();

  byte CGRequestScreenCaptureAccess();

  int CGMainDisplayID();

  int CGGetActiveDisplayList(int maxDisplays, int[] displays, IntByReference count);

  Pointer CGDisplayCopyDisplayMode(int display);

  long CGDisplayModeGetPixelWidth(Pointer mode);

  long CGDisplayModeGetPixelHeight(Pointer mode);

  /** The mode's width in points (a Retina mode: half its pixel width). */
  long CGDisplayModeGetWidth(Pointer mode);

  long CGDisplayModeGetHeight(Pointer mode);

  void CGDisplayModeRelease(Pointer mode);

  /** Obsoleted in the macOS 15 SDK; called only after the symbol is found at run time. */
  Pointer CGDisplayCreateImage(int display);

  long CGImageGetWidth(Pointer image);

  long CGImageGetHeight(Pointer image);

  long CGImageGetBytesPerRow(Pointer image);

  long CGImageGetBitsPerPixel(Pointer image);

  long CGImageGetBitsPerComponent(Pointer image);

  int CGImageGetBitmapInfo(Pointer image);

  Pointer CGImageGetDataProvider(Pointer image);

  Pointer CGDataProviderCopyData(Pointer provider);

  void CGImageRelease(Pointer image);

  /** CoreFoundation's CFData and CFRelease. */
  interface CoreFoundation extends Library {
    CoreFoundation INSTANCE = Native.load("CoreFoundation", CoreFoundation.class);

    Pointer CFDataGetBytePtr(Pointer data);

    long CFDataGetLength(Pointer data);

    void CFRelease(Pointer object);
  }
}

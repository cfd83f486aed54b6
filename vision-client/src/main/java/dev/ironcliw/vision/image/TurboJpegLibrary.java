package dev.ironcliw.vision.image;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of libjpeg-turbo's TurboJPEG C API that {@link TurboJpeg} calls: the version 2
 * functions, which libjpeg-turbo 3 keeps (Debian {@code libturbojpeg0}, Homebrew {@code
 * jpeg-turbo}).
 */
interface TurboJpegLibrary extends Library {
  /** {@code TJPF_BGRX}: 4 bytes a pixel, blue first; an {@code int 0x00RRGGBB} in little-endian. */
  int PIXEL_FORMAT_BGRX = 3;

  /** {@code TJSAMP_420}: chroma at half width and height, as the JDK's JPEG writer does. */
  int SUBSAMPLING_420 = 2;

  /** A compressor; null when it cannot be made. Not thread-safe. */
  Pointer tjInitCompress();

  /**
   * Compresses {@code source} into a buffer the library allocates ({@code jpeg} set to null before)
   * and the caller frees with {@link #tjFree}.
   *
   * @return 0, or -1 with the reason in {@link #tjGetErrorStr2}
   */
  int tjCompress2(
      Pointer handle,
      Pointer source,
      int width,
      int pitchBytes,
      int height,
      int pixelFormat,
      PointerByReference jpeg,
      NativeLongByReference jpegBytes,
      int subsampling,
      int qualityPercent,
      int flags);

  void tjFree(Pointer buffer);

  int tjDestroy(Pointer handle);

  String tjGetErrorStr2(Pointer handle);
}

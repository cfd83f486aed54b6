package dev.ironcliw.vision.image;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.ByteOrder;

/**
 * JPEG through libjpeg-turbo's TurboJPEG (SIMD), when the library is installed: several times
 * faster than the JDK's writer. Pixels go in as they are ({@code int 0x00RRGGBB}, which is BGRX in
 * memory), with no conversion but one copy into native memory, which is freed at once: encoders run
 * on many threads (the API's workers too), and none keeps a frame's worth of memory.
 */
public final class TurboJpeg {
  /** Where Homebrew puts the library, which is not on the default search path. */
  private static final String[] HOMEBREW_DIRS = {
    "/opt/homebrew/opt/jpeg-turbo/lib", "/usr/local/opt/jpeg-turbo/lib"
  };

  private static final TurboJpegLibrary LIBRARY;
  private static final String UNAVAILABLE;

  static {
    TurboJpegLibrary library = null;
    String why = "";
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      why = "the pixels' byte order is not BGRX on a big-endian machine";
    } else {
      for (String dir : HOMEBREW_DIRS) {
        NativeLibrary.addSearchPath("turbojpeg", dir);
      }
      try {
        library = Native.load("turbojpeg", TurboJpegLibrary.class);
      } catch (UnsatisfiedLinkError e) {
        why =
            "libturbojpeg is not installed (Debian: libturbojpeg0, Homebrew: jpeg-turbo): "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      }
    }
    LIBRARY = library;
    UNAVAILABLE = why;
  }

  private TurboJpeg() {}

  /** Whether JPEG goes through libjpeg-turbo here. */
  public static boolean available() {
    return LIBRARY != null;
  }

  /** Why it does not; empty when it does. */
  public static String unavailableReason() {
    return UNAVAILABLE;
  }

  /**
   * {@code rgb} ({@code width * height} pixels {@code 0x00RRGGBB}, row by row) as JPEG at {@code
   * qualityPercent}, chroma subsampled 4:2:0.
   *
   * @throws IllegalStateException when the library is not there ({@link #available}) or fails
   */
  public static byte[] encode(int[] rgb, int width, int height, int qualityPercent) {
    if (LIBRARY == null) {
      throw new IllegalStateException("TurboJPEG: " + UNAVAILABLE);
    }
    Pointer handle = LIBRARY.tjInitCompress();
    if (handle == null) {
      throw new IllegalStateException("TurboJPEG: no compressor could be made");
    }
    try (Memory source = new Memory(4L * Math.max(1, width * height))) {
      source.write(0, rgb, 0, width * height);
      PointerByReference jpeg = new PointerByReference();
      NativeLongByReference jpegBytes = new NativeLongByReference();
      int status =
          LIBRARY.tjCompress2(
              handle,
              source,
              width,
              4 * width,
              height,
              TurboJpegLibrary.PIXEL_FORMAT_BGRX,
              jpeg,
              jpegBytes,
              TurboJpegLibrary.SUBSAMPLING_420,
              qualityPercent,
              0);
      Pointer out = jpeg.getValue();
      try {
        if (status != 0) {
          throw new IllegalStateException("TurboJPEG: " + LIBRARY.tjGetErrorStr2(handle));
        }
        return out.getByteArray(0, (int) jpegBytes.getValue().longValue());
      } finally {
        if (out != null) {
          LIBRARY.tjFree(out);
        }
      }
    } finally {
      LIBRARY.tjDestroy(handle);
    }
  }
}

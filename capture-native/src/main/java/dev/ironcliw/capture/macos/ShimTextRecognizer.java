package dev.ironcliw.capture.macos;

import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;

/** {@link MacTextRecognizer} by {@code ironcliw_recognize_text} of the capture shim. */
final class ShimTextRecognizer implements MacTextRecognizer {
  /** Results of {@code ironcliw_recognize_text} below zero, as {@code ironcliw_capture.h}. */
  static final int TEXT_FAILED = -1;

  static final int TEXT_NO_ROOM = -2;

  /** Room for the words of a dense screen; grown (up to the most) when a read needs more. */
  private static final int FIRST_CAPACITY = 64 << 10;

  private static final int MOST_CAPACITY = 16 << 20;

  private final CaptureShim shim;
  private byte[] out = new byte[FIRST_CAPACITY];

  private ShimTextRecognizer(CaptureShim shim) {
    this.shim = shim;
  }

  static ShimTextRecognizer load() {
    if (!Platform.isMac()) {
      throw new MacCaptureException("Apple Vision is only on macOS");
    }
    try {
      return new ShimTextRecognizer(CaptureShim.load());
    } catch (UnsatisfiedLinkError e) {
      throw new MacCaptureException(
          "the capture shim (libironcliwcapture.dylib) is missing; it is built on macOS by"
              + " ./mvnw with Xcode's command line tools",
          e);
    }
  }

  @Override
  public synchronized String recognize(byte[] grey, int width, int height, String languages) {
    while (true) {
      int words =
          shim.ironcliw_recognize_text(grey, width, height, width, languages, out, out.length);
      if (words == TEXT_NO_ROOM && out.length < MOST_CAPACITY) {
        out = new byte[out.length * 4];
        continue;
      }
      if (words < 0) {
        throw new MacCaptureException(
            words == TEXT_NO_ROOM
                ? "Vision read more text than " + MOST_CAPACITY + " bytes hold"
                : "Vision could not read a " + width + "x" + height + " image");
      }
      int end = 0;
      while (end < out.length && out[end] != 0) {
        end++;
      }
      return new String(out, 0, end, StandardCharsets.UTF_8);
    }
  }
}

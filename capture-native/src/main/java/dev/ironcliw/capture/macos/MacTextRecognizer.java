package dev.ironcliw.capture.macos;

/**
 * Vision's text recognition ({@code VNRecognizeTextRequest}) through the shim, behind an interface
 * so that the engine built on it is tested on any OS with a scripted one.
 */
public interface MacTextRecognizer {
  /**
   * Reads the text of an 8-bit grey image (dark text on a light ground, rows without padding).
   *
   * @param languages BCP-47 tags separated by commas, empty for Vision's default
   * @return a line per word, {@code line x y width height confidence word}, boxes in the image's
   *     pixels from its top left, confidence 0 to 100; empty when there is no text
   * @throws MacCaptureException when Vision could not read it
   */
  String recognize(byte[] grey, int width, int height, String languages);

  /**
   * The shim's recognizer.
   *
   * @throws MacCaptureException naming why it cannot be used on this machine
   */
  static MacTextRecognizer load() {
    return ShimTextRecognizer.load();
  }
}

package dev.ironcliw.vision.provider;

import java.util.List;

/**
 * What one call to a vision LLM carries: the images of a batch and the instruction.
 *
 * @param system the standing instruction (what to look for, the reply's JSON shape)
 * @param text the text that goes with the images (what they are, in order)
 * @param images the crops and context images, in the order the text names them
 * @param maxOutputTokens the most tokens the reply may use
 */
public record VisionRequest(
    String system, String text, List<EncodedImage> images, int maxOutputTokens) {
  public VisionRequest {
    images = List.copyOf(images);
    if (maxOutputTokens < 1) {
      throw new IllegalArgumentException("maxOutputTokens must be >= 1: " + maxOutputTokens);
    }
  }
}

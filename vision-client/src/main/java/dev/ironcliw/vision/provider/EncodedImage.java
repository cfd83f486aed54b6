package dev.ironcliw.vision.provider;

/**
 * One image ready to send: encoded bytes and what they are.
 *
 * @param bytes the encoded image (PNG or JPEG)
 * @param mediaType {@code image/png} or {@code image/jpeg}
 * @param width pixels
 * @param height pixels
 */
public record EncodedImage(byte[] bytes, String mediaType, int width, int height) {
  public EncodedImage {
    if (!mediaType.equals("image/png") && !mediaType.equals("image/jpeg")) {
      throw new IllegalArgumentException(
          "image media type must be image/png or image/jpeg: " + mediaType);
    }
  }
}

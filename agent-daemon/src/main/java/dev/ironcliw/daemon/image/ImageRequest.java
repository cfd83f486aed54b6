package dev.ironcliw.daemon.image;

import java.util.Locale;

/**
 * The query of {@code GET /api/v1/frames/{seq}/image}: {@code region=x,y,width,height} (frame
 * pixels), {@code scale} (above 0, at most 1) and {@code format=png|jpeg}.
 *
 * @param region the part of the frame, or null for all of it
 */
public record ImageRequest(Region region, double scale, Format format) {
  public enum Format {
    PNG,
    JPEG;

    public String contentType() {
      return this == PNG ? "image/png" : "image/jpeg";
    }
  }

  /** A rectangle in the frame's pixels. */
  record Region(int x, int y, int width, int height) {
    @Override
    public String toString() {
      return x + "," + y + "," + width + "," + height;
    }
  }

  /**
   * @throws IllegalArgumentException naming the parameter that is not valid
   */
  public static ImageRequest parse(String region, String scale, String format) {
    return new ImageRequest(region(region), scale(scale), format(format));
  }

  private static Region region(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split(",", -1);
    int[] values = new int[4];
    boolean valid = parts.length == 4;
    for (int i = 0; valid && i < 4; i++) {
      try {
        values[i] = Integer.parseInt(parts[i].trim());
        valid = values[i] >= 0 && (i < 2 || values[i] > 0);
      } catch (NumberFormatException e) {
        valid = false;
      }
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "region: \""
              + text
              + "\" is not a rectangle (expected x,y,width,height in frame pixels, e.g."
              + " 0,0,640,360)");
    }
    return new Region(values[0], values[1], values[2], values[3]);
  }

  private static double scale(String text) {
    if (text == null) {
      return 1;
    }
    double scale;
    try {
      scale = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      scale = Double.NaN;
    }
    if (!(scale > 0 && scale <= 1) || scale * 10_000 < 1) {
      throw new IllegalArgumentException(
          "scale: \"" + text + "\" is not a scale (expected a number above 0.0001 and at most 1)");
    }
    return scale;
  }

  private static Format format(String text) {
    if (text == null) {
      return Format.PNG;
    }
    try {
      return Format.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "format: \"" + text + "\" is not an image format (expected png or jpeg)");
    }
  }
}

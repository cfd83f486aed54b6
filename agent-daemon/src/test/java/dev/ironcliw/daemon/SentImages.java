package dev.ironcliw.daemon;

import dev.ironcliw.ring.Rect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The images of an Anthropic Messages request, decoded, each with the area of the screen it shows
 * as the request's text describes it ("Image 2: ..., the area at x=40, y=60, 300x20 of a 640x200
 * screen, scaled to ...", or "the whole 640x200 screen").
 */
final class SentImages {
  private static final Pattern DESCRIBED =
      Pattern.compile(
          "Image (\\d+): [^\\n]*?(?:the area at x=(\\d+), y=(\\d+), (\\d+)x(\\d+) of a"
              + " (\\d+)x(\\d+) screen|the whole (\\d+)x(\\d+) screen)");

  /** One image and the screen area it shows. */
  record Shown(BufferedImage image, Rect source) {
    /**
     * How far apart the darkest and the brightest channel values are among the pixels of this image
     * that show only {@code area} of the screen (those at the image's edge of {@code area} are left
     * out: they may show its surroundings too); -1 when the image does not show it. Text shows as a
     * wide spread; a flat background, or a box painted over, as a narrow one.
     */
    int contrastIn(Rect area) {
      Rect seen = area.intersect(source);
      if (seen == null) {
        return -1;
      }
      double sx = (double) image.getWidth() / source.width();
      double sy = (double) image.getHeight() / source.height();
      int left = (int) Math.ceil((seen.x() - source.x()) * sx) + 1;
      int top = (int) Math.ceil((seen.y() - source.y()) * sy) + 1;
      int right = (int) Math.floor((seen.x() + seen.width() - source.x()) * sx) - 1;
      int bottom = (int) Math.floor((seen.y() + seen.height() - source.y()) * sy) - 1;
      if (right <= left || bottom <= top) {
        return -1;
      }
      int darkest = 255;
      int brightest = 0;
      for (int y = top; y < bottom; y++) {
        for (int x = left; x < right; x++) {
          int rgb = image.getRGB(x, y);
          for (int shift : new int[] {16, 8, 0}) {
            int value = (rgb >> shift) & 0xFF;
            darkest = Math.min(darkest, value);
            brightest = Math.max(brightest, value);
          }
        }
      }
      return brightest - darkest;
    }
  }

  private SentImages() {}

  /**
   * Asserts that no image of {@code requests} shows any of {@code secrets} (rectangles of the
   * screen) readably, and returns how many images showed where one was.
   */
  static int assertPaintedOver(List<String> requests, List<Rect> secrets) throws IOException {
    int seen = 0;
    for (String request : requests) {
      for (Shown image : of(request)) {
        for (Rect secret : secrets) {
          int contrast = image.contrastIn(secret);
          if (contrast >= 0) {
            seen++;
            org.junit.jupiter.api.Assertions.assertTrue(
                contrast < 80,
                "an image of "
                    + image.source()
                    + " shows the secret at "
                    + secret
                    + ": "
                    + contrast);
          }
        }
      }
    }
    return seen;
  }

  static List<Shown> of(String requestBody) throws IOException {
    JsonArray content =
        new JsonObject(requestBody)
            .getJsonArray("messages")
            .getJsonObject(0)
            .getJsonArray("content");
    String text = content.getJsonObject(content.size() - 1).getString("text");
    List<Rect> sources = new ArrayList<>();
    Matcher m = DESCRIBED.matcher(text);
    while (m.find()) {
      sources.add(
          m.group(2) != null
              ? new Rect(
                  Integer.parseInt(m.group(2)),
                  Integer.parseInt(m.group(3)),
                  Integer.parseInt(m.group(4)),
                  Integer.parseInt(m.group(5)))
              : new Rect(0, 0, Integer.parseInt(m.group(8)), Integer.parseInt(m.group(9))));
    }
    List<Shown> shown = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      JsonObject block = content.getJsonObject(i);
      if (block.getString("type").equals("image")) {
        byte[] bytes = Base64.getDecoder().decode(block.getJsonObject("source").getString("data"));
        shown.add(
            new Shown(ImageIO.read(new ByteArrayInputStream(bytes)), sources.get(shown.size())));
      }
    }
    return shown;
  }
}

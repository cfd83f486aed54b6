package dev.ironcliw.daemon;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small PNG screens for replay tests. */
final class TestImages {
  private TestImages() {}

  /** A screen of {@code background} with a {@code box}-coloured rectangle at (x, y). */
  static BufferedImage screen(int w, int h, int background, int box, int x, int y) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int py = 0; py < h; py++) {
      for (int px = 0; px < w; px++) {
        boolean inBox = px >= x && px < x + 40 && py >= y && py < y + 20;
        image.setRGB(px, py, inBox ? box : background);
      }
    }
    return image;
  }

  static void write(BufferedImage image, Path file) throws IOException {
    ImageIO.write(image, "png", file.toFile());
  }
}

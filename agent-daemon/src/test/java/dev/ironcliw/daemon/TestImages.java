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

  /**
   * {@code count} PNG files of 160x90 noise in {@code dir}, named in order: replayed, every frame
   * is a CHANGE.
   */
  static Path noiseShots(Path dir, int count) throws IOException {
    return noiseShots(dir, 0, count, 160, 90);
  }

  /**
   * As {@link #noiseShots(Path, int)}, {@code width} x {@code height}, numbered from {@code first}.
   */
  static Path noiseShots(Path dir, int first, int count, int width, int height) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    java.util.Random random = new java.util.Random(3 + first);
    for (int i = first; i < first + count; i++) {
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          image.setRGB(x, y, random.nextInt(1 << 24));
        }
      }
      write(image, dir.resolve(String.format("shot-%04d.png", i)));
    }
    return dir;
  }
}

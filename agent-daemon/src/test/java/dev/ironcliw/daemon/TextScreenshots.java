package dev.ironcliw.daemon;

import java.io.IOException;
import java.nio.file.Path;

/** Screenshots with known text, for replays whose text is read and searched. */
final class TextScreenshots {
  private TextScreenshots() {}

  /** A 640x200 screenshot of light lines of text on a dark background, as a terminal shows. */
  static void write(Path png, String... lines) throws IOException {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(640, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(new java.awt.Color(0x1E1E1E));
    g.fillRect(0, 0, 640, 200);
    g.setColor(new java.awt.Color(0xE0E0E0));
    g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 18));
    for (int i = 0; i < lines.length; i++) {
      g.drawString(lines[i], 40, 60 + 40 * i);
    }
    g.dispose();
    javax.imageio.ImageIO.write(image, "png", png.toFile());
  }
}

package dev.ironcliw.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rows read straight from a decoded PNG's bytes are those {@code getRGB} gives, for every kind. */
class ImageRowsTest {
  @ParameterizedTest
  @CsvSource({
    "1, true", // TYPE_INT_RGB written: decoded as 3-byte RGB
    "2, true", // TYPE_INT_ARGB written: decoded as 4-byte RGBA
    "10, false", // grey
    "13, false" // a palette
  })
  void shouldGiveWhatGetRgbGivesForEveryKindOfPng(int writtenType, boolean direct)
      throws Exception {
    int width = 37;
    int height = 11;
    BufferedImage written = new BufferedImage(width, height, writtenType);
    Random random = new Random(writtenType);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        written.setRGB(x, y, random.nextInt());
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(written, "png", png);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));

    ImageRows rows = new ImageRows(decoded);
    assertEquals(direct, rows.direct(), "decoded as type " + decoded.getType());
    int[] row = new int[width];
    int[] expected = new int[width];
    for (int y = 0; y < height; y++) {
      rows.read(y, row);
      decoded.getRGB(0, y, width, 1, expected, 0, width);
      assertArrayEquals(expected, row, "row " + y);
    }
  }
}

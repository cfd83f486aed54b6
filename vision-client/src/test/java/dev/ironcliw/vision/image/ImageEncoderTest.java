package dev.ironcliw.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.ring.Rect;
import dev.ironcliw.vision.provider.EncodedImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageEncoderTest {
  private static FrameCrop crop(int width, int height, int[] rgb) {
    return new FrameCrop(new Rect(0, 0, width, height), width, height, width, height, rgb, false);
  }

  /** A window with a title bar and lines of "text": long runs of one colour. */
  private static FrameCrop userInterface(int width, int height) {
    int[] rgb = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean titleBar = y < 24;
        boolean glyph = y % 16 < 10 && x % 9 < 5 && (x / 9 + y / 16) % 3 != 0;
        rgb[y * width + x] = titleBar ? 0x3060A0 : glyph ? 0x202020 : 0xF0F0F0;
      }
    }
    return crop(width, height, rgb);
  }

  /** Camera-like noise on a gradient: hardly any pixel repeats its neighbour. */
  private static FrameCrop photo(int width, int height) {
    SplittableRandom random = new SplittableRandom(7);
    int[] rgb = new int[width * height];
    for (int i = 0; i < rgb.length; i++) {
      int base = (i % width) * 255 / width;
      int r = Math.min(255, base + random.nextInt(24));
      int g = Math.min(255, base / 2 + random.nextInt(24));
      int b = Math.max(0, 255 - base - random.nextInt(24));
      rgb[i] = r << 16 | g << 8 | b;
    }
    return crop(width, height, rgb);
  }

  private static BufferedImage decode(EncodedImage image) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(image.bytes()));
  }

  @Test
  void shouldEncodeAUserInterfaceAsLosslessPng() throws Exception {
    FrameCrop ui = userInterface(300, 200);
    EncodedImage image = ImageEncoder.encode(ui, 1 << 20);
    assertEquals("image/png", image.mediaType());
    BufferedImage decoded = decode(image);
    assertEquals(0x3060A0, decoded.getRGB(10, 10) & 0xFFFFFF);
    assertEquals(ui.rgb()[150 * 300 + 101], decoded.getRGB(101, 150) & 0xFFFFFF);
  }

  @Test
  void shouldEncodeAPhotoAsJpeg() throws Exception {
    EncodedImage image = ImageEncoder.encode(photo(300, 200), 1 << 20);
    assertEquals("image/jpeg", image.mediaType());
    BufferedImage decoded = decode(image);
    assertEquals(300, decoded.getWidth());
    assertEquals(200, decoded.getHeight());
  }

  @Test
  void shouldShrinkAnImageUntilItFitsTheByteLimit() throws Exception {
    EncodedImage image = ImageEncoder.encode(photo(1200, 800), 20_000);
    assertTrue(image.bytes().length <= 20_000, "encoded in " + image.bytes().length + " bytes");
    BufferedImage decoded = decode(image);
    assertEquals(image.width(), decoded.getWidth());
    assertTrue(decoded.getWidth() < 1200, "halved at least once: " + decoded.getWidth());
    assertEquals(decoded.getWidth() * 2 / 3, decoded.getHeight(), 1);
  }

  @Test
  void shouldFallBackToJpegWhenThePngIsTooLarge() {
    FrameCrop ui = userInterface(600, 400);
    int pngBytes = ImageEncoder.encode(ui, 1 << 24).bytes().length;
    EncodedImage image = ImageEncoder.encode(ui, pngBytes - 1);
    assertEquals("image/jpeg", image.mediaType());
    assertTrue(image.bytes().length < pngBytes);
  }
}

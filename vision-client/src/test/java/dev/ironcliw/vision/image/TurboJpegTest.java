package dev.ironcliw.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JPEG through libjpeg-turbo: decodable, the right size and colours, the quality honoured. */
class TurboJpegTest {
  private static final int W = 321; // odd sizes: 4:2:0 rounds the chroma planes up
  private static final int H = 181;

  @BeforeEach
  void requireLibrary() {
    NativeRequirement.require(
        TurboJpeg.available(), NativePiece.TURBOJPEG, TurboJpeg.unavailableReason());
  }

  /** Red, green and blue bands over a grey ramp with text-like marks. */
  private static int[] picture() {
    int[] rgb = new int[W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int band = y < 60 ? 0xD02020 : y < 120 ? 0x20B040 : 0x2040D0;
        boolean mark = x > 200 && (x / 3 + y / 4) % 3 == 0;
        rgb[y * W + x] = x < 100 ? band : mark ? 0x101010 : (x & 0xFF) * 0x010101;
      }
    }
    return rgb;
  }

  @Test
  void shouldEncodeWhatTheJdkDecodesWithItsSizeAndColours() throws Exception {
    byte[] jpeg = TurboJpeg.encode(picture(), W, H, 85);
    assertEquals(0xFF, jpeg[0] & 0xFF);
    assertEquals(0xD8, jpeg[1] & 0xFF, "a JPEG's start of image");
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertEquals(W, decoded.getWidth());
    assertEquals(H, decoded.getHeight());
    assertClose(0xD02020, decoded.getRGB(40, 30));
    assertClose(0x20B040, decoded.getRGB(40, 90));
    assertClose(0x2040D0, decoded.getRGB(40, 150));
    assertClose(0x969696, decoded.getRGB(150, 150));
  }

  @Test
  void shouldMakeSmallerFilesAtLowerQualityAndGoThroughImageEncoder() {
    int[] rgb = picture();
    int high = TurboJpeg.encode(rgb, W, H, 90).length;
    int low = TurboJpeg.encode(rgb, W, H, 40).length;
    assertTrue(low < high, low + " bytes at 40, " + high + " at 90");
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, W, H, rgb, 0, W);
    assertEquals(
        TurboJpeg.encode(rgb, W, H, 90).length,
        ImageEncoder.jpeg(image, 0.9f).length,
        "ImageEncoder.jpeg goes through it");
    assertTrue(ImageEncoder.jpegEncoder().contains("libjpeg-turbo"), ImageEncoder.jpegEncoder());
  }

  private static void assertClose(int expected, int actual) {
    for (int shift : new int[] {16, 8, 0}) {
      int e = (expected >> shift) & 0xFF;
      int a = (actual >> shift) & 0xFF;
      assertTrue(
          Math.abs(e - a) <= 12,
          String.format("expected #%06X, was #%06X", expected, actual & 0xFFFFFF));
    }
  }
}

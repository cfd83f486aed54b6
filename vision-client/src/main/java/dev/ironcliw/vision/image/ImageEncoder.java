package dev.ironcliw.vision.image;

import dev.ironcliw.vision.provider.EncodedImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes a crop as PNG when it looks like a user interface (long runs of identical pixels: text,
 * flat panels, which PNG keeps sharp and small) and as JPEG when it looks like a photo or video;
 * then makes sure it fits {@code maxBytes} by falling back to JPEG, lower quality and finally half
 * the size.
 */
public final class ImageEncoder {
  /** Share of pixels equal to their left neighbour above which a crop is taken for a UI. */
  static final double FLAT_SHARE_FOR_PNG = 0.5;

  private static final float[] JPEG_QUALITIES = {0.85f, 0.7f, 0.5f};

  private ImageEncoder() {}

  /** Share of pixels that repeat the pixel to their left, 0 to 1. */
  static double flatShare(FrameCrop crop) {
    long same = 0;
    int[] rgb = crop.rgb();
    for (int y = 0; y < crop.height(); y++) {
      int base = y * crop.width();
      for (int x = 1; x < crop.width(); x++) {
        if (rgb[base + x] == rgb[base + x - 1]) {
          same++;
        }
      }
    }
    long pairs = (long) crop.height() * Math.max(0, crop.width() - 1);
    return pairs == 0 ? 1 : (double) same / pairs;
  }

  /** Loads the PNG and JPEG writers, which take a while the first time. */
  public static void warmUp() {
    FrameCrop tiny =
        new FrameCrop(new dev.ironcliw.ring.Rect(0, 0, 8, 8), 8, 8, 8, 8, new int[64], false);
    BufferedImage image = toImage(tiny.rgb(), 8, 8);
    png(image);
    jpeg(image, JPEG_QUALITIES[0]);
  }

  /** The crop encoded in at most {@code maxBytes}. */
  public static EncodedImage encode(FrameCrop crop, long maxBytes) {
    BufferedImage image = toImage(crop.rgb(), crop.width(), crop.height());
    if (flatShare(crop) >= FLAT_SHARE_FOR_PNG) {
      byte[] png = png(image);
      if (png.length <= maxBytes) {
        return new EncodedImage(png, "image/png", crop.width(), crop.height());
      }
    }
    while (true) {
      for (float quality : JPEG_QUALITIES) {
        byte[] jpeg = jpeg(image, quality);
        if (jpeg.length <= maxBytes) {
          return new EncodedImage(jpeg, "image/jpeg", image.getWidth(), image.getHeight());
        }
      }
      if (image.getWidth() == 1 && image.getHeight() == 1) {
        throw new IllegalArgumentException(
            "an image cannot be encoded in " + maxBytes + " bytes; raise vision.image.maxBytes");
      }
      image = halve(image);
    }
  }

  /** The crop's pixels as an RGB image that shares the crop's array: nothing is copied. */
  public static BufferedImage image(FrameCrop crop) {
    return toImage(crop.rgb(), crop.width(), crop.height());
  }

  private static BufferedImage toImage(int[] rgb, int width, int height) {
    DirectColorModel rgbModel = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
    WritableRaster raster =
        Raster.createPackedRaster(
            new DataBufferInt(rgb, rgb.length), width, height, width, rgbModel.getMasks(), null);
    return new BufferedImage(rgbModel, raster, false, null); // TYPE_INT_RGB, recognised as such
  }

  private static BufferedImage halve(BufferedImage image) {
    int width = Math.max(1, image.getWidth() / 2);
    int height = Math.max(1, image.getHeight() / 2);
    BufferedImage half = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = half.createGraphics();
    try {
      g.setRenderingHint(
          java.awt.RenderingHints.KEY_INTERPOLATION,
          java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return half;
  }

  /** {@code image} as PNG bytes. */
  public static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * {@code image} in the one layout the JPEG writer takes without converting pixel by pixel through
   * the colour model (16 bytes allocated and about 50 ns per pixel): B,G,R bytes.
   */
  private static BufferedImage asThreeByteBgr(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return image;
    }
    int width = image.getWidth();
    int height = image.getHeight();
    BufferedImage bgr = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] out = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      int at = y * width * 3;
      for (int x = 0; x < width; x++) {
        int p = row[x];
        out[at++] = (byte) p;
        out[at++] = (byte) (p >>> 8);
        out[at++] = (byte) (p >>> 16);
      }
    }
    return bgr;
  }

  /**
   * {@code image} as JPEG bytes at {@code quality} (0 to 1): by libjpeg-turbo where it is installed
   * ({@link TurboJpeg}), else, or when it fails, by the JDK's writer.
   */
  public static byte[] jpeg(BufferedImage image, float quality) {
    if (TurboJpeg.available()) {
      try {
        return TurboJpeg.encode(
            rgbOf(image), image.getWidth(), image.getHeight(), Math.round(quality * 100));
      } catch (IllegalStateException e) {
        // The JDK's writer below: slower, never wrong.
      }
    }
    return jpegByImageIo(image, quality);
  }

  /** Which encoder {@link #jpeg} uses here, in words, for the start line. */
  public static String jpegEncoder() {
    return TurboJpeg.available()
        ? "libjpeg-turbo (TurboJPEG)"
        : "the JDK's writer (" + TurboJpeg.unavailableReason() + ")";
  }

  /** The pixels of {@code image} as {@code 0x00RRGGBB}, row by row: its own array when it can. */
  private static int[] rgbOf(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    if (image.getType() == BufferedImage.TYPE_INT_RGB
        && image.getRaster().getDataBuffer() instanceof DataBufferInt ints
        && image.getRaster().getParent() == null
        && ints.getData().length == width * height) {
      return ints.getData();
    }
    return image.getRGB(0, 0, width, height, null, 0, width);
  }

  /** The JPEG writer of this thread, kept: finding one costs more than a small image's encoding. */
  private static final ThreadLocal<ImageWriter> JPEG_WRITERS =
      ThreadLocal.withInitial(() -> ImageIO.getImageWritersByFormatName("jpeg").next());

  /** {@code image} as JPEG bytes at {@code quality} (0 to 1), by the JDK's writer. */
  public static byte[] jpegByImageIo(BufferedImage image, float quality) {
    ImageWriter writer = JPEG_WRITERS.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(asThreeByteBgr(image), null, null), param);
    } catch (IOException e) {
      JPEG_WRITERS.remove(); // a writer that failed is not used again
      throw new UncheckedIOException(e);
    } finally {
      writer.reset();
    }
    return out.toByteArray();
  }
}

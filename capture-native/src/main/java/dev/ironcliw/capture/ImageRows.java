package dev.ironcliw.capture;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * A decoded image's rows as the ring's pixels: ints that are B, G, R, A bytes in memory, the same
 * as {@link BufferedImage#getRGB} gives (alpha 255 where the image has none). The PNG decoder's
 * usual images (8-bit RGB or RGBA in sRGB, bytes interleaved) are read straight from their bytes:
 * 2.4 ms for a 1080p frame where {@code getRGB}, which converts through the colour model pixel by
 * pixel, took 36.7 ms (more than twice the decoding). Any other kind (grey, a palette, 16 bits,
 * another colour space) goes through {@code getRGB}.
 */
final class ImageRows {
  private final BufferedImage image;
  private final byte[] bytes;
  private final int scanlineStride;
  private final int pixelStride;
  private final int red;
  private final int green;
  private final int blue;
  private final int alpha;

  ImageRows(BufferedImage image) {
    this.image = image;
    Raster raster = image.getRaster();
    int[] offsets = null;
    byte[] data = null;
    int scanline = 0;
    int pixel = 0;
    if (raster.getSampleModel() instanceof PixelInterleavedSampleModel model
        && raster.getDataBuffer() instanceof DataBufferByte buffer
        && buffer.getNumBanks() == 1
        && buffer.getOffset() == 0
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0
        && image.getColorModel() instanceof ComponentColorModel colours
        && colours.getColorSpace().isCS_sRGB()
        && colours.getColorSpace().getType() == ColorSpace.TYPE_RGB
        && colours.getTransferType() == DataBuffer.TYPE_BYTE
        && !colours.isAlphaPremultiplied()
        && (model.getNumBands() == 3 && !colours.hasAlpha()
            || model.getNumBands() == 4 && colours.hasAlpha())) {
      offsets = model.getBandOffsets();
      data = buffer.getData();
      scanline = model.getScanlineStride();
      pixel = model.getPixelStride();
    }
    this.bytes = data;
    this.scanlineStride = scanline;
    this.pixelStride = pixel;
    this.red = offsets == null ? 0 : offsets[0];
    this.green = offsets == null ? 0 : offsets[1];
    this.blue = offsets == null ? 0 : offsets[2];
    this.alpha = offsets == null || offsets.length < 4 ? -1 : offsets[3];
  }

  /** Whether the rows are read straight from the image's bytes. */
  boolean direct() {
    return bytes != null;
  }

  /** Row {@code y}'s pixels into {@code row} (at least the image's width long). */
  void read(int y, int[] row) {
    int width = image.getWidth();
    if (bytes == null) {
      image.getRGB(0, y, width, 1, row, 0, width);
      return;
    }
    int at = y * scanlineStride;
    for (int x = 0; x < width; x++, at += pixelStride) {
      int a = alpha < 0 ? 0xFF : bytes[at + alpha] & 0xFF;
      row[x] =
          a << 24
              | (bytes[at + red] & 0xFF) << 16
              | (bytes[at + green] & 0xFF) << 8
              | bytes[at + blue] & 0xFF;
    }
  }
}

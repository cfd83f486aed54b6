package dev.ironcliw.daemon;

import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.ReadStatus;
import dev.ironcliw.vision.image.ImageEncoder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Copies a frame out of the ring (checked against its seqlock) and encodes it as PNG. */
final class FramePng {
  private FramePng() {}

  /**
   * The PNG of the frame at {@code position} whose fingerprint is {@code fingerprint}, or null when
   * the ring no longer holds it.
   */
  static byte[] encode(FrameRing ring, long position, long fingerprint) {
    FrameView view = new FrameView();
    if (ring.read(position, view) != ReadStatus.OK || view.fingerprint() != fingerprint) {
      return null;
    }
    BufferedImage image =
        new BufferedImage(view.width(), view.height(), BufferedImage.TYPE_INT_RGB);
    int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    MemorySegment pixels = view.pixels();
    for (int y = 0; y < view.height(); y++) {
      MemorySegment.copy(
          pixels,
          ValueLayout.JAVA_INT_UNALIGNED,
          (long) y * view.strideBytes(),
          out,
          y * view.width(),
          view.width());
    }
    if (!view.stillValid()) {
      return null;
    }
    return ImageEncoder.png(image);
  }
}

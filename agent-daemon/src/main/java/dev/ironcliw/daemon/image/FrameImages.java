package dev.ironcliw.daemon.image;

import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.ReadStatus;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.vision.image.Downscaler;
import dev.ironcliw.vision.image.FrameCrop;
import dev.ironcliw.vision.image.ImageEncoder;
import dev.ironcliw.vision.image.PixelBuffer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import javax.imageio.ImageIO;

/** A frame's pixels as an image: copied out of the ring or decoded from a keyframe, then served. */
public final class FrameImages {
  /** JPEG quality of served JPEGs. */
  private static final float SERVED_JPEG_QUALITY = 0.85f;

  private FrameImages() {}

  /** Whether the ring still holds the frame at {@code position} (no pixel is copied). */
  public static boolean inRing(FrameRing ring, long position, long fingerprint) {
    FrameView view = new FrameView();
    return ring.read(position, view) == ReadStatus.OK
        && view.fingerprint() == fingerprint
        && view.stillValid();
  }

  /**
   * The frame at {@code position} whose fingerprint is {@code fingerprint}, copied out of the ring
   * and checked against its seqlock; null when the ring no longer holds it.
   */
  public static BufferedImage fromRing(FrameRing ring, long position, long fingerprint) {
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
    return view.stillValid() ? image : null;
  }

  /**
   * The frame at {@code position} whose fingerprint is {@code fingerprint}, scaled straight out of
   * the ring ({@link Downscaler}: box averages, one pass, no full-size copy) so its longer edge is
   * at most {@code maxLongEdge}; null when the ring no longer holds it.
   */
  public static FrameCrop fittedFromRing(
      FrameRing ring, long position, long fingerprint, int maxLongEdge) {
    return fittedFromRing(ring, position, fingerprint, maxLongEdge, null);
  }

  /**
   * {@link #fittedFromRing(FrameRing, long, long, int)} into {@code into}'s array (null: a new
   * one), which the crop holds until the next image copied into it.
   */
  public static FrameCrop fittedFromRing(
      FrameRing ring, long position, long fingerprint, int maxLongEdge, PixelBuffer into) {
    FrameView view = new FrameView();
    if (ring.read(position, view) != ReadStatus.OK || view.fingerprint() != fingerprint) {
      return null;
    }
    FrameCrop crop =
        Downscaler.copy(
            view, new Rect(0, 0, view.width(), view.height()), maxLongEdge, false, into);
    return view.stillValid() ? crop : null;
  }

  public static BufferedImage decode(byte[] encoded) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
      if (image == null) {
        throw new IllegalStateException("a keyframe that is not an image");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Draws {@code boxes} (frame pixels) on {@code image}, which shows a frame of {@code frameWidth}
   * pixels across (fewer when it is a keyframe): a translucent fill and a 2-pixel outline.
   */
  public static void highlight(BufferedImage image, int frameWidth, List<Rect> boxes) {
    double s = (double) image.getWidth() / frameWidth;
    Graphics2D g = image.createGraphics();
    try {
      for (Rect b : boxes) {
        int x = (int) Math.floor(b.x() * s) - 2;
        int y = (int) Math.floor(b.y() * s) - 2;
        int w = (int) Math.ceil(b.width() * s) + 4;
        int h = (int) Math.ceil(b.height() * s) + 4;
        g.setColor(new Color(255, 200, 0, 80));
        g.fillRect(x, y, w, h);
        g.setColor(new Color(255, 140, 0));
        g.setStroke(new BasicStroke(2));
        g.drawRect(x, y, w, h);
      }
    } finally {
      g.dispose();
    }
  }

  /**
   * Paints {@code secrets} (frame pixels) black on {@code image}, which shows a frame of {@code
   * frameWidth} pixels across, with 2 pixels around each: a word's box is tight round its ink.
   */
  public static void paintOver(BufferedImage image, int frameWidth, List<Rect> secrets) {
    double s = (double) image.getWidth() / frameWidth;
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.BLACK);
      for (Rect b : secrets) {
        int left = (int) Math.floor((b.x() - 2) * s);
        int top = (int) Math.floor((b.y() - 2) * s);
        int right = (int) Math.ceil((b.x() + b.width() + 2) * s);
        int bottom = (int) Math.ceil((b.y() + b.height() + 2) * s);
        g.fillRect(left, top, right - left, bottom - top);
      }
    } finally {
      g.dispose();
    }
  }

  static BufferedImage scale(BufferedImage image, double factor) {
    int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
    int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
    if (width == image.getWidth() && height == image.getHeight()) {
      return image;
    }
    BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return scaled;
  }

  /**
   * What {@code GET /frames/{seq}/image} asks of {@code image}, which shows a frame of {@code
   * frameWidth} x {@code frameHeight} (smaller when it is a keyframe): the region, in the frame's
   * pixels, then the scale, then the format.
   *
   * @throws IllegalArgumentException naming {@code region} when it is not inside the frame
   */
  public static byte[] render(
      BufferedImage image, int frameWidth, int frameHeight, ImageRequest request) {
    BufferedImage out = image;
    if (request.region() != null) {
      ImageRequest.Region r = request.region();
      // In long: x + width of two large ints must not wrap round and pass.
      if ((long) r.x() + r.width() > frameWidth || (long) r.y() + r.height() > frameHeight) {
        throw new IllegalArgumentException(
            "region: "
                + r
                + " is not inside the "
                + frameWidth
                + "x"
                + frameHeight
                + " frame (expected x,y,width,height with x+width <= "
                + frameWidth
                + " and y+height <= "
                + frameHeight
                + ")");
      }
      double sx = (double) image.getWidth() / frameWidth;
      double sy = (double) image.getHeight() / frameHeight;
      int x = (int) Math.floor(r.x() * sx);
      int y = (int) Math.floor(r.y() * sy);
      int w = Math.max(1, Math.min(image.getWidth() - x, (int) Math.ceil(r.width() * sx)));
      int h = Math.max(1, Math.min(image.getHeight() - y, (int) Math.ceil(r.height() * sy)));
      out = image.getSubimage(x, y, w, h);
    }
    out = scale(out, request.scale());
    return request.format() == ImageRequest.Format.PNG
        ? ImageEncoder.png(out)
        : ImageEncoder.jpeg(copyIfSub(out), SERVED_JPEG_QUALITY);
  }

  /** A sub-image shares its parent's raster, which some encoders write whole; this copies it. */
  private static BufferedImage copyIfSub(BufferedImage image) {
    if (image.getRaster().getParent() == null) {
      return image;
    }
    BufferedImage copy =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = copy.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return copy;
  }
}

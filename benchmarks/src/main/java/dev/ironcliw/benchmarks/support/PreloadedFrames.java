package dev.ironcliw.benchmarks.support;

import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.capture.DamageFollowingWrites;
import dev.ironcliw.capture.Grab;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.Rect;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A PNG sequence decoded once into off-heap BGRX frames of one size (each PNG scaled to it), played
 * in name order as a recorded source: copying a frame into the ring is a plain memory copy, so a
 * benchmark times the pipeline and not the PNG decoder. {@link #release} frees the frames.
 *
 * <p>With damage reported, it also tells what a compositor would (X11's XDamage, ScreenCaptureKit's
 * dirty rects): a frame identical to the one before is {@link Grab#UNCHANGED}, and any other comes
 * with the 64-pixel blocks where it differs from the one before, merged along each block row. Its
 * ring writes then follow the damage as X11's do ({@link DamageFollowingWrites}).
 */
public final class PreloadedFrames implements CaptureSource {
  private final Arena arena = Arena.ofShared();
  private final List<MemorySegment> frames = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final List<List<Rect>> damage = new ArrayList<>();
  private boolean reportDamage;
  private static final int DAMAGE_BLOCK = 64;
  private final int width;
  private final int height;
  private int next;
  private MemorySegment current;
  private String currentName = "";
  private List<Rect> currentDamage = List.of();
  private final DamageFollowingWrites writes;

  /**
   * Decodes the PNG files of {@code directory} in name order, each scaled to {@code width} x {@code
   * height}, until {@code maxBytes} of frames are held.
   *
   * @throws IllegalArgumentException when the directory holds no readable PNG
   */
  public PreloadedFrames(Path directory, int width, int height, long maxBytes) {
    this.width = width;
    this.height = height;
    this.writes = new DamageFollowingWrites(height, List.of(new Rect(0, 0, width, height)));
    long frameBytes = (long) width * height * 4;
    for (Path png : pngs(directory)) {
      if ((frames.size() + 1) * frameBytes > maxBytes) {
        break;
      }
      BufferedImage image = read(png);
      if (image == null) {
        continue;
      }
      frames.add(toBgrx(scaled(image)));
      names.add(png.getFileName().toString());
      damage.add(frames.size() == 1 ? List.of() : blocksThatDiffer(frames.getLast()));
    }
    if (frames.isEmpty()) {
      throw new IllegalArgumentException(
          directory + " holds no readable PNG frame that fits " + (maxBytes >> 20) + " MiB");
    }
  }

  /** The damage of the newest frame against the one before, row-merged 64-pixel blocks. */
  private List<Rect> blocksThatDiffer(MemorySegment frame) {
    MemorySegment before = frames.get(frames.size() - 2);
    long rowBytes = (long) width * 4;
    List<Rect> rects = new ArrayList<>();
    for (int by = 0; by < height; by += DAMAGE_BLOCK) {
      int runStart = -1;
      for (int bx = 0; bx <= width; bx += DAMAGE_BLOCK) {
        boolean differs = bx < width && blockDiffers(before, frame, rowBytes, bx, by);
        if (differs && runStart < 0) {
          runStart = bx;
        } else if (!differs && runStart >= 0) {
          rects.add(
              new Rect(
                  runStart,
                  by,
                  Math.min(bx, width) - runStart,
                  Math.min(DAMAGE_BLOCK, height - by)));
          runStart = -1;
        }
      }
    }
    return List.copyOf(rects);
  }

  private boolean blockDiffers(
      MemorySegment before, MemorySegment after, long rowBytes, int bx, int by) {
    long blockBytes = Math.min(DAMAGE_BLOCK, width - bx) * 4L;
    for (int y = by; y < Math.min(by + DAMAGE_BLOCK, height); y++) {
      long at = y * rowBytes + bx * 4L;
      if (MemorySegment.mismatch(before, at, at + blockBytes, after, at, at + blockBytes) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** From now on, reports damage as a compositor would (see the class comment), or stops. */
  public void reportDamage(boolean report) {
    this.reportDamage = report;
  }

  private static List<Path> pngs(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.toString().toLowerCase().endsWith(".png")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  private static BufferedImage read(Path png) {
    try {
      return ImageIO.read(png.toFile());
    } catch (IOException e) {
      return null;
    }
  }

  private BufferedImage scaled(BufferedImage image) {
    if (image.getWidth() == width && image.getHeight() == height) {
      return image;
    }
    BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return scaled;
  }

  /** ARGB ints stored little-endian are B, G, R, X bytes: the ring's layout. */
  private MemorySegment toBgrx(BufferedImage image) {
    MemorySegment frame = arena.allocate((long) width * height * 4, 64);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      MemorySegment.copy(
          row, 0, frame, ValueLayout.JAVA_INT_UNALIGNED, (long) y * width * 4, width);
    }
    return frame;
  }

  /** How many frames were loaded. */
  public int frameCount() {
    return frames.size();
  }

  /** Plays the sequence from its first frame again. */
  public void rewind() {
    next = 0;
  }

  @Override
  public String name() {
    return "preloaded";
  }

  @Override
  public int maxWidth() {
    return width;
  }

  @Override
  public int maxHeight() {
    return height;
  }

  @Override
  public boolean isLive() {
    return false;
  }

  @Override
  public Grab grab(int display, long elapsedNanos) {
    if (next == frames.size()) {
      return Grab.ENDED;
    }
    currentName = names.get(next);
    current = frames.get(next);
    currentDamage = reportDamage ? damage.get(next) : List.of();
    boolean unchanged = reportDamage && next > 0 && currentDamage.isEmpty();
    if (!reportDamage || next == 0) {
      writes.changedAll();
    } else if (!unchanged) {
      writes.nextVersion();
      for (Rect r : currentDamage) {
        writes.changed(r.y(), r.height());
      }
    }
    next++;
    return unchanged ? Grab.UNCHANGED : Grab.FRAME;
  }

  @Override
  public int frameWidth() {
    return width;
  }

  @Override
  public int frameHeight() {
    return height;
  }

  @Override
  public String frameLabel() {
    return currentName;
  }

  @Override
  public void copyFrameTo(MemorySegment pixels, int strideBytes) {
    long rowBytes = (long) width * 4;
    if (strideBytes == rowBytes) {
      MemorySegment.copy(current, 0, pixels, 0, rowBytes * height);
      return;
    }
    for (int y = 0; y < height; y++) {
      MemorySegment.copy(current, y * rowBytes, pixels, (long) y * strideBytes, rowBytes);
    }
  }

  @Override
  public List<Rect> damage() {
    return currentDamage;
  }

  @Override
  public void writeFrameTo(FrameRingWriter writer) {
    writes.write(writer, 0, current, 0, (long) width * 4);
  }

  /** Keeps the frames for the next pass: {@link #release} frees them. */
  @Override
  public void close() {}

  public void release() {
    arena.close();
  }
}

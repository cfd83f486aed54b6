package dev.ironcliw.capture;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the PNG files of a directory in name order. Files that cannot be read are skipped and
 * counted, never fatal. Image sizes are read from the headers at open, so the ring's slots fit the
 * largest.
 */
public final class ReplaySource implements CaptureSource {
  /** The longest side a replayed frame may have (8K is 7680): larger files are skipped. */
  public static final int MAX_EDGE = 8192;

  private static final Logger LOG = LoggerFactory.getLogger(ReplaySource.class);

  private final Path directory;
  private final List<Path> files;
  private final int maxWidth;
  private final int maxHeight;
  private boolean loop;
  private int next;
  private long skipped;
  private BufferedImage current;
  private String currentLabel = "";
  private int[] row = new int[0];

  private ReplaySource(
      Path directory, List<Path> files, int maxWidth, int maxHeight, long skipped) {
    this.directory = directory;
    this.files = files;
    this.maxWidth = maxWidth;
    this.maxHeight = maxHeight;
    this.skipped = skipped;
  }

  /**
   * Lists and sizes the PNG files of {@code directory}.
   *
   * @throws IllegalArgumentException when the directory is missing, not a directory, or holds no
   *     readable PNG file
   */
  public static ReplaySource open(Path directory) {
    return open(directory, Runtime.getRuntime().maxMemory());
  }

  /** As {@link #open(Path)} for a JVM with {@code heapBytes} of heap. */
  static ReplaySource open(Path directory, long heapBytes) {
    List<Path> pngs;
    try (Stream<Path> listing = Files.list(directory)) {
      pngs =
          listing
              .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".png"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("replay directory " + directory + " does not exist");
    } catch (NotDirectoryException e) {
      throw new IllegalArgumentException("replay path " + directory + " is not a directory");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "replay directory " + directory + " cannot be read: " + e.getMessage());
    }
    List<Path> readable = new ArrayList<>();
    int maxWidth = 0;
    int maxHeight = 0;
    long unreadable = 0;
    for (Path png : pngs) {
      int[] size = readSize(png);
      if (size == null) {
        unreadable++;
        LOG.warn("replay: skipping {}: not a readable PNG", png.getFileName());
        continue;
      }
      if (size[0] > MAX_EDGE || size[1] > MAX_EDGE) {
        // A damaged header can claim any size; the ring's slots are sized from these.
        unreadable++;
        LOG.warn(
            "replay: skipping {}: {}x{} is larger than {} pixels a side",
            png.getFileName(),
            size[0],
            size[1],
            MAX_EDGE);
        continue;
      }
      long decodedBytes = 4L * size[0] * size[1];
      if (decodedBytes > heapBytes / 4) {
        // Decoding makes a whole image on the heap first; this one would not fit beside the rest.
        unreadable++;
        LOG.warn(
            "replay: skipping {}: {}x{} needs {} MiB of heap to decode, more than a quarter of"
                + " the {} MiB this JVM has (memory.budgets.heap)",
            png.getFileName(),
            size[0],
            size[1],
            decodedBytes >> 20,
            heapBytes >> 20);
        continue;
      }
      readable.add(png);
      maxWidth = Math.max(maxWidth, size[0]);
      maxHeight = Math.max(maxHeight, size[1]);
    }
    if (readable.isEmpty()) {
      throw new IllegalArgumentException(
          "replay directory "
              + directory
              + " holds no readable .png file ("
              + pngs.size()
              + " found)");
    }
    return new ReplaySource(directory, readable, maxWidth, maxHeight, unreadable);
  }

  private static int[] readSize(Path png) {
    try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public String name() {
    return "replay:" + directory;
  }

  @Override
  public int maxWidth() {
    return maxWidth;
  }

  @Override
  public int maxHeight() {
    return maxHeight;
  }

  @Override
  public boolean isLive() {
    return false;
  }

  /** From now on, the replay starts over at its first file when it has played the last. */
  public void loop() {
    loop = true;
  }

  /** Decodes the next readable file; unreadable ones are skipped and counted. */
  @Override
  public Grab grab(int display, long elapsedNanos) {
    int tried = 0;
    while (next < files.size() || (loop && tried < files.size())) {
      if (next == files.size()) {
        next = 0;
      }
      tried++;
      Path file = files.get(next++);
      try {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image != null && image.getWidth() <= maxWidth && image.getHeight() <= maxHeight) {
          current = image;
          currentLabel = file.getFileName().toString();
          return Grab.FRAME;
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("replay: cannot decode {}", file, e);
      }
      skipped++;
      LOG.warn("replay: skipping {}: cannot be decoded", file.getFileName());
    }
    current = null;
    return Grab.ENDED;
  }

  @Override
  public int frameWidth() {
    return current.getWidth();
  }

  @Override
  public int frameHeight() {
    return current.getHeight();
  }

  @Override
  public String frameLabel() {
    return currentLabel;
  }

  /** ARGB ints written little-endian are B,G,R,A bytes: the ring's BGRX layout. */
  @Override
  public void copyFrameTo(MemorySegment pixels, int strideBytes) {
    int w = current.getWidth();
    if (row.length < w) {
      row = new int[w];
    }
    ImageRows rows = new ImageRows(current);
    for (int y = 0; y < current.getHeight(); y++) {
      rows.read(y, row);
      MemorySegment.copy(row, 0, pixels, ValueLayout.JAVA_INT_UNALIGNED, (long) y * strideBytes, w);
    }
  }

  @Override
  public long skippedFrames() {
    return skipped;
  }

  @Override
  public String grabMethod() {
    return "png";
  }

  /** Files in the replay, readable at open. */
  public int fileCount() {
    return files.size();
  }
}

package dev.ironcliw.benchmarks.support;

import dev.ironcliw.capture.SyntheticDesktop;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The replay benchmark's default input: three 4-second stretches of {@link SyntheticDesktop} at 10
 * FPS written as PNG files (a line being typed with a blinking cursor, a browser window sliding in,
 * the desktop after it closed with the clock and cursor blinking), 120 frames in all.
 */
public final class SyntheticSequence {
  private static final long[] STRETCH_START_MILLIS = {4_000, 26_000, 40_000};
  private static final int FRAMES_PER_STRETCH = 40;
  private static final long FRAME_MILLIS = 100;

  private SyntheticSequence() {}

  /** Writes the frames into {@code directory} (created) unless it holds them already. */
  public static Path write(Path directory, int width, int height) throws IOException {
    Files.createDirectories(directory);
    int total = STRETCH_START_MILLIS.length * FRAMES_PER_STRETCH;
    if (Files.exists(directory.resolve(name(total - 1)))) {
      return directory;
    }
    SyntheticDesktop desktop = new SyntheticDesktop(width, height);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] pixels = new int[width * height];
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment frame = arena.allocate((long) width * height * 4);
      int n = 0;
      for (long start : STRETCH_START_MILLIS) {
        for (int i = 0; i < FRAMES_PER_STRETCH; i++, n++) {
          desktop.grab(0, (start + i * FRAME_MILLIS) * 1_000_000L);
          desktop.copyFrameTo(frame, width * 4);
          MemorySegment.copy(frame, ValueLayout.JAVA_INT_UNALIGNED, 0, pixels, 0, pixels.length);
          image.setRGB(0, 0, width, height, pixels, 0, width);
          ImageIO.write(image, "png", directory.resolve(name(n)).toFile());
        }
      }
    }
    return directory;
  }

  private static String name(int n) {
    return String.format("frame-%04d.png", n);
  }
}

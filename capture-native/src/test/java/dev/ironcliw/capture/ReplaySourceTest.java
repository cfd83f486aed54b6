package dev.ironcliw.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySourceTest {
  @TempDir Path dir;

  private void png(String name, int w, int h, int rgb) throws Exception {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    ImageIO.write(image, "png", dir.resolve(name).toFile());
  }

  @Test
  void shouldReplayInNameOrderSkippingUnreadableFiles() throws Exception {
    png("b.png", 8, 4, 0x112233);
    png("a.png", 16, 2, 0x445566);
    Files.writeString(dir.resolve("c.png"), "not a png");
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    try (ReplaySource source = ReplaySource.open(dir)) {
      assertEquals(16, source.maxWidth());
      assertEquals(4, source.maxHeight());
      assertEquals(2, source.fileCount());
      assertEquals(1, source.skippedFrames());
      assertEquals(Grab.FRAME, source.grab(0, 0));
      assertEquals("a.png", source.frameLabel());
      assertEquals(Grab.FRAME, source.grab(0, 0));
      assertEquals("b.png", source.frameLabel());
      assertEquals(Grab.ENDED, source.grab(0, 0));
    }
  }

  @Test
  void shouldStartOverWhenLooping() throws Exception {
    png("a.png", 8, 4, 0x112233);
    png("b.png", 8, 4, 0x445566);
    try (ReplaySource source = ReplaySource.open(dir)) {
      source.loop();
      for (String expected : new String[] {"a.png", "b.png", "a.png", "b.png", "a.png"}) {
        assertEquals(Grab.FRAME, source.grab(0, 0));
        assertEquals(expected, source.frameLabel());
      }
      Files.writeString(dir.resolve("a.png"), "broken since");
      Files.writeString(dir.resolve("b.png"), "broken since");
      assertEquals(Grab.ENDED, source.grab(0, 0), "nothing readable left: ends, no endless loop");
    }
  }

  @Test
  void shouldWritePixelsAsBgrx() throws Exception {
    png("a.png", 2, 2, 0x112233);
    try (ReplaySource source = ReplaySource.open(dir);
        Arena arena = Arena.ofConfined()) {
      assertEquals(Grab.FRAME, source.grab(0, 0));
      MemorySegment pixels = arena.allocate(2 * 2 * 4);
      source.copyFrameTo(pixels, 8);
      assertEquals(0x33, pixels.get(ValueLayout.JAVA_BYTE, 0));
      assertEquals(0x22, pixels.get(ValueLayout.JAVA_BYTE, 1));
      assertEquals(0x11, pixels.get(ValueLayout.JAVA_BYTE, 2));
    }
  }

  @Test
  void shouldNameAMissingDirectory() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReplaySource.open(dir.resolve("nope")));
    assertEquals("replay directory " + dir.resolve("nope") + " does not exist", e.getMessage());
  }

  @Test
  void shouldRefuseADirectoryWithoutPngFiles() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReplaySource.open(dir));
    assertTrue(e.getMessage().contains("holds no readable .png file"), e.getMessage());
  }
}

package dev.ironcliw.diff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.TileDiff;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SIMD features against a pixel-by-pixel reference. */
class FeatureExtractorTest {
  private static final int W = 203; // not a multiple of any vector width
  private static final int H = 61;

  private final Arena arena = Arena.ofConfined();
  private final FeatureExtractor extractor = new FeatureExtractor();

  @AfterEach
  void close() {
    arena.close();
  }

  private FrameView frame(int[] bgrx, int width, int height) {
    MemorySegment pixels = arena.allocate((long) width * height * 4);
    MemorySegment.copy(bgrx, 0, pixels, ValueLayout.JAVA_INT_UNALIGNED, 0, bgrx.length);
    return FrameView.detached(pixels, width, height, width * 4, 0);
  }

  private static int luma(int p) {
    return (77 * (p >>> 16 & 0xFF) + 150 * (p >>> 8 & 0xFF) + 29 * (p & 0xFF) + 128) >>> 8;
  }

  /** The same features, one pixel at a time. */
  private static RegionFeatures reference(int[] px, int width, int height, Rect r) {
    long sum = 0;
    long squares = 0;
    long edges = 0;
    long[] octants = new long[8];
    for (int y = r.y(); y < r.y() + r.height(); y++) {
      for (int x = r.x(); x < r.x() + r.width(); x++) {
        int p = px[y * width + x];
        int l = luma(p);
        int right = x + 1 < width ? luma(px[y * width + x + 1]) : l;
        int down = y + 1 < height ? luma(px[(y + 1) * width + x]) : l;
        sum += l;
        squares += (long) l * l;
        edges += Math.abs(right - l) + Math.abs(down - l) > FeatureExtractor.EDGE_STEP ? 1 : 0;
        octants[(p >>> 21 & 4) | (p >>> 14 & 2) | (p >>> 7 & 1)]++;
      }
    }
    long count = (long) r.width() * r.height();
    double mean = (double) sum / count;
    return new RegionFeatures(
        mean,
        Math.sqrt(Math.max(0, (double) squares / count - mean * mean)),
        (double) edges / count,
        RegionFeatures.pack(octants, count));
  }

  @Test
  void shouldMatchThePixelByPixelReferenceOnRandomRegionsUpToTheFrameEdges() {
    Random random = new Random(3);
    int[] px = new int[W * H];
    for (int i = 0; i < px.length; i++) {
      px[i] = random.nextInt();
    }
    FrameView frame = frame(px, W, H);
    for (Rect r :
        new Rect[] {
          new Rect(0, 0, W, H),
          new Rect(13, 7, 37, 11),
          new Rect(W - 5, H - 3, 5, 3),
          new Rect(190, 0, 13, 61)
        }) {
      assertEquals(reference(px, W, H, r), extractor.measure(frame, r), r.toString());
    }
  }

  @Test
  void shouldEstimateALargeRegionFromEvenlySpreadRowsCloseToEveryPixel() {
    int width = 1920;
    int height = 1080;
    int[] px = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int background = (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x60;
        // Lines of "text" exactly 16 rows apart, the step the sampling takes here: a sample at
        // one phase of them would see all ink or none.
        boolean ink = y % 16 >= 3 && y % 16 <= 11 && x % 7 < 2 && x > 100 && x < 1800;
        px[y * width + x] = ink ? 0x00101010 : background;
      }
    }
    FrameView frame = frame(px, width, height);
    Rect whole = new Rect(0, 0, width, height);
    RegionFeatures exact = reference(px, width, height, whole);
    RegionFeatures sampled = extractor.measure(frame, whole);
    assertEquals(exact.meanLuma(), sampled.meanLuma(), 1.5);
    assertEquals(exact.lumaStdDev(), sampled.lumaStdDev(), exact.lumaStdDev() * 0.03);
    assertEquals(exact.edgeDensity(), sampled.edgeDensity(), 0.01);
    for (int octant = 0; octant < 8; octant++) {
      assertEquals(
          exact.histogramPercent(octant), sampled.histogramPercent(octant), 2, "octant " + octant);
    }
    Rect small = new Rect(300, 200, 256, 512); // exactly the limit: every pixel
    assertEquals(
        FeatureExtractor.MAX_MEASURED_PIXELS, (long) small.width() * small.height(), "the limit");
    assertEquals(reference(px, width, height, small), extractor.measure(frame, small));
  }

  @Test
  void shouldSeeAFlatRegionAsFlatAndTextAsEdges() {
    int[] px = new int[W * H];
    java.util.Arrays.fill(px, 0x00FFFFFF);
    for (int y = 20; y < 30; y++) {
      for (int x = 100; x < 160; x += 3) {
        px[y * W + x] = 0; // black strokes: "text"
      }
    }
    FrameView frame = frame(px, W, H);
    RegionFeatures flat = extractor.measure(frame, new Rect(0, 0, 50, 10));
    assertEquals(255.0, flat.meanLuma());
    assertEquals(0.0, flat.lumaStdDev());
    assertEquals(0.0, flat.edgeDensity());
    assertEquals(100, flat.histogramPercent(7));
    RegionFeatures text = extractor.measure(frame, new Rect(100, 20, 60, 10));
    assertTrue(text.edgeDensity() > 0.5, "edges " + text.edgeDensity());
    assertTrue(text.lumaStdDev() > 100, "spread " + text.lumaStdDev());
    assertEquals(reference(px, W, H, new Rect(100, 20, 60, 10)), text);
  }

  @Test
  void shouldDescribeAFrameByTheMeanLuminanceOfAnEightByEightGrid() {
    int width = 160;
    int height = 80;
    int[] px = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        px[y * width + x] = x < width / 2 ? 0 : 0x00FFFFFF; // left black, right white
      }
    }
    byte[] descriptor = extractor.descriptor(frame(px, width, height));
    byte[] expected = new byte[64];
    for (int cell = 0; cell < 64; cell++) {
      expected[cell] = (byte) (cell % 8 < 4 ? 0 : 255);
    }
    assertArrayEquals(expected, descriptor);
  }

  @Test
  void shouldReadOnlyTheCellsWhereTheDiffSawPixelsDiffer() {
    int width = 256; // cells of 32x16 pixels, each two 16-pixel tiles wide
    int height = 128;
    int[] before = new int[width * height];
    for (int i = 0; i < before.length; i++) {
      before[i] = (i * 2654435761L % 0xFFFFFF) > 0x7FFFFF ? 0x00C0C0C0 : 0x00202020;
    }
    int[] after = before.clone();
    for (int y = 70; y < 80; y++) {
      for (int x = 200; x < 220; x++) {
        after[y * width + x] = 0x00FFFFFF; // a typed block in one cell
      }
    }
    byte[] previous = extractor.descriptor(frame(before, width, height));
    TileDiff diff = new TileDiff(16);
    diff.reset(width, height);
    for (int ty = 70 / 16; ty <= 79 / 16; ty++) {
      for (int tx = 200 / 16; tx <= 219 / 16; tx++) {
        diff.addSad(ty * diff.tilesX() + tx, 1000);
      }
    }
    diff.classify(256);
    FrameView current = frame(after, width, height);
    byte[] full = extractor.descriptor(current);
    assertArrayEquals(full, extractor.descriptor(current, diff, previous));

    // The untouched cells come from the previous descriptor, not from the pixels.
    byte[] marked = previous.clone();
    java.util.Arrays.fill(marked, (byte) 7);
    byte[] incremental = extractor.descriptor(current, diff, marked);
    int changedCells = 0;
    for (int cell = 0; cell < 64; cell++) {
      if (incremental[cell] != 7) {
        changedCells++;
        assertEquals(full[cell], incremental[cell]);
      }
    }
    assertEquals(1, changedCells, "only the typed block's cell is read again");
  }
}

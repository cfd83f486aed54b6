package dev.ironcliw.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.ReadStatus;
import dev.ironcliw.ring.RingGeometry;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTileDiffEngineTest {
  private static final int W = 200;
  private static final int H = 100;

  @TempDir Path dir;
  private FrameRing ring;
  private FrameRingWriter writer;
  private long seq;

  @BeforeEach
  void open() {
    ring =
        FrameRing.open(
            dir.resolve("r"), RingGeometry.forBudget(1 << 20, W, H), OffHeapBudget.unlimited());
    writer = ring.writer();
  }

  @AfterEach
  void close() {
    ring.close();
  }

  private FrameView frame(int width, int height, Consumer<MemorySegment> paint) {
    writer.tryClaim(width, height);
    writer.pixels().fill((byte) 0x40);
    paint.accept(writer.pixels());
    long position = writer.commit(seq++, 0, 0);
    FrameView view = new FrameView();
    assertEquals(ReadStatus.OK, ring.read(position, view));
    return view;
  }

  private static void setPixel(MemorySegment pixels, int x, int y, int bgrx) {
    pixels.set(ValueLayout.JAVA_INT_UNALIGNED, ((long) y * W + x) * 4, bgrx);
  }

  @Test
  void shouldFindNothingInIdenticalFrames() {
    FrameView a = frame(W, H, p -> {});
    FrameView b = frame(W, H, p -> {});
    TileDiff diff = new CpuTileDiffEngine(32, 0).diff(a, b);
    assertEquals(0, diff.changedTiles());
    assertEquals(7, diff.tilesX());
    assertEquals(4, diff.tilesY());
    assertEquals(0.0, diff.magnitude());
  }

  @Test
  void shouldPutASinglePixelChangeInItsTile() {
    FrameView a = frame(W, H, p -> {});
    FrameView b = frame(W, H, p -> setPixel(p, 150, 70, 0x00FFFFFF));
    TileDiff diff = new CpuTileDiffEngine(32, 0).diff(a, b);
    assertEquals(1, diff.changedTiles());
    assertTrue(diff.isChanged(4, 2));
    assertEquals(3 * (0xFF - 0x40), diff.sad(4, 2));
  }

  @Test
  void shouldIgnoreTheUnusedFourthByte() {
    FrameView a = frame(W, H, p -> {});
    FrameView b = frame(W, H, p -> setPixel(p, 10, 10, 0xFF404040));
    assertEquals(0, new CpuTileDiffEngine(32, 0).diff(a, b).changedTiles());
  }

  @Test
  void shouldNotCountATileAtOrBelowTheThreshold() {
    FrameView a = frame(W, H, p -> {});
    FrameView b = frame(W, H, p -> setPixel(p, 10, 10, 0x00404041));
    CpuTileDiffEngine engine = new CpuTileDiffEngine(32, 1);
    assertEquals(0, engine.diff(a, b).changedTiles());
    engine.setTileThreshold(0);
    assertEquals(1, engine.diff(a, b).changedTiles());
  }

  @Test
  void shouldChangeEveryTileWhenTheSizeChanges() {
    FrameView a = frame(W, H, p -> {});
    FrameView b = frame(W / 2, H, p -> {});
    TileDiff diff = new CpuTileDiffEngine(32, 0).diff(a, b);
    assertEquals(diff.tilesX() * diff.tilesY(), diff.changedTiles());
  }

  @Test
  void shouldMatchABruteForceTileSumOnRandomEdits() {
    Random random = new Random(42);
    byte[] base = new byte[W * H * 4];
    random.nextBytes(base);
    byte[] edited = base.clone();
    for (int i = 0; i < 300; i++) {
      edited[random.nextInt(edited.length)] = (byte) random.nextInt(256);
    }
    FrameView a =
        frame(W, H, p -> MemorySegment.copy(MemorySegment.ofArray(base), 0, p, 0, base.length));
    FrameView b =
        frame(W, H, p -> MemorySegment.copy(MemorySegment.ofArray(edited), 0, p, 0, edited.length));
    TileDiff diff = new CpuTileDiffEngine(16, 100).diff(a, b);
    int changed = 0;
    for (int ty = 0; ty < diff.tilesY(); ty++) {
      for (int tx = 0; tx < diff.tilesX(); tx++) {
        long expected = 0;
        for (int y = ty * 16; y < Math.min(H, ty * 16 + 16); y++) {
          for (int x = tx * 16; x < Math.min(W, tx * 16 + 16); x++) {
            for (int c = 0; c < 3; c++) {
              int i = (y * W + x) * 4 + c;
              expected += Math.abs((base[i] & 0xFF) - (edited[i] & 0xFF));
            }
          }
        }
        assertEquals(expected, diff.sad(tx, ty), "tile " + tx + "," + ty);
        assertEquals(expected > 100, diff.isChanged(tx, ty));
        changed += expected > 100 ? 1 : 0;
      }
    }
    assertEquals(changed, diff.changedTiles());
  }

  @Test
  void shouldMergeTouchingTilesIntoOneRegionAndKeepSeparateOnesApart() {
    FrameView a = frame(W, H, p -> {});
    FrameView b =
        frame(
            W,
            H,
            p -> {
              setPixel(p, 5, 5, 0x00FFFFFF);
              setPixel(p, 40, 5, 0x00FFFFFF); // right neighbour tile
              setPixel(p, 195, 98, 0x00FFFFFF); // far corner, a partial tile
            });
    TileDiff diff = new CpuTileDiffEngine(32, 0).diff(a, b);
    List<ChangedRegions.Region> regions = new ChangedRegions().extract(diff);
    assertEquals(2, regions.size());
    assertEquals(new ChangedRegions.Region(0, 0, 64, 32, 2, 2L * 3 * 0xBF), regions.get(0));
    ChangedRegions.Region corner = regions.get(1);
    assertEquals(192, corner.x());
    assertEquals(8, corner.width());
    assertEquals(4, corner.height());
    assertFalse(diff.isChanged(1, 1));
  }
}

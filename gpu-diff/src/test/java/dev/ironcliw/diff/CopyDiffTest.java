package dev.ironcliw.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.ring.FrameHash;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.ReadStatus;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.RingGeometry;
import dev.ironcliw.ring.TileContentHash;
import dev.ironcliw.ring.TileDiff;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The diff the ring writer makes as it copies a frame in ({@link FrameRingWriter#diffWhileCopying})
 * must equal the reference engine's, tile for tile, with the content hash of every tile that
 * differs, whether the frame's rows are whole hash blocks (copy and hash fused) or not, and whether
 * the source says which rows changed or not.
 */
class CopyDiffTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}x{1}, tiles of {2}, changed rows known: {3}")
  @CsvSource({
    "1920, 1080, 32, false",
    "1920, 1080, 32, true",
    "1920, 200, 16, true",
    "333, 77, 32, false",
    "333, 77, 24, true",
    "640, 130, 64, true",
    "1366, 90, 32, true"
  })
  void shouldEqualTheReferenceDiff(int width, int height, int tileSize, boolean rowsKnown) {
    try (FrameRing ring = open(width, height);
        Arena arena = Arena.ofConfined()) {
      FrameRingWriter writer = ring.writer();
      writer.diffWhileCopying(tileSize);
      long sourceStride = width * 4L + 64; // the source's rows are padded, as an X image's can be
      MemorySegment source = arena.allocate(sourceStride * height, 64);
      Random random = new Random(width * 31L + height + tileSize);
      for (long i = 0; i < source.byteSize(); i += 4) {
        source.set(
            ValueLayout.JAVA_INT_UNALIGNED, i, random.nextInt(4) == 0 ? random.nextInt() : 0);
      }
      long[] chunkHashes = new long[FrameHash.chunkCount(width * 4L * height)];
      long previous = write(writer, source, sourceStride, width, height, chunkHashes, null, -1);
      ScalarTileDiffEngine reference = new ScalarTileDiffEngine(tileSize, 0);
      FrameView before = new FrameView();
      FrameView after = new FrameView();
      for (int round = 0; round < 12; round++) {
        boolean[] changedRows = new boolean[height];
        List<Rect> damage = new ArrayList<>();
        // Every fourth round changes every row (scrolling): most chunks then differ, and the
        // writer compares the rest after the copy.
        boolean whole = round % 4 == 3;
        int stretches = round == 0 ? 0 : whole ? 1 : 1 + random.nextInt(6);
        for (int s = 0; s < stretches; s++) {
          int y = whole ? 0 : random.nextInt(height);
          int rows = whole ? height : 1 + random.nextInt(Math.min(height - y, 2 * tileSize));
          damage.add(new Rect(0, y, width, rows));
          for (int row = y; row < y + rows; row++) {
            changedRows[row] = true;
            int x = whole ? 0 : random.nextInt(width);
            int pixels = whole ? width : 1 + random.nextInt(width - x);
            for (int p = x; p < x + pixels; p += 1 + random.nextInt(8)) {
              source.set(
                  ValueLayout.JAVA_INT_UNALIGNED, row * sourceStride + p * 4L, random.nextInt());
            }
          }
        }
        long next =
            write(
                writer,
                source,
                sourceStride,
                width,
                height,
                chunkHashes,
                rowsKnown ? changedRows : null,
                previous);
        assertEquals(ReadStatus.OK, ring.read(previous, before));
        assertEquals(ReadStatus.OK, ring.read(next, after));
        TileDiff made = ring.diffMadeWhileCopying(after, previous);
        assertNotNull(made, "round " + round + ": no diff made while copying");
        assertNull(ring.diffMadeWhileCopying(after, next), "a diff against another frame");
        TileDiff expected = reference.diff(before, after, rowsKnown ? damage : null);
        assertEquals(expected.tiles(), made.tiles());
        assertTrue(made.hasContentHashes());
        for (int tile = 0; tile < expected.tiles(); tile++) {
          assertEquals(expected.sad(tile), made.sad(tile), "round " + round + ", tile " + tile);
          if (made.sad(tile) != 0) {
            int tx = tile % made.tilesX() * tileSize;
            int ty = tile / made.tilesX() * tileSize;
            assertEquals(
                TileContentHash.hash(
                    after.pixels(),
                    after.strideBytes(),
                    tx,
                    ty,
                    Math.min(tileSize, width - tx),
                    Math.min(tileSize, height - ty)),
                made.contentHash(tile),
                "round " + round + ", content hash of tile " + tile);
          }
        }
        previous = next;
      }
    }
  }

  @Test
  void shouldMakeNoDiffWithoutABaseOrOnceThePixelsWereHandedOut() {
    int width = 256;
    int height = 64;
    try (FrameRing ring = open(width, height);
        Arena arena = Arena.ofConfined()) {
      FrameRingWriter writer = ring.writer();
      writer.diffWhileCopying(32);
      MemorySegment source = arena.allocate(width * 4L * height);
      long first = write(writer, source, width * 4L, width, height, null, null, -1);
      FrameView view = new FrameView();

      assertEquals(ReadStatus.OK, ring.read(first, view));
      assertNull(ring.diffMadeWhileCopying(view, first - 1), "the first frame has no base");

      source.set(ValueLayout.JAVA_BYTE, 5, (byte) 9);
      long second = write(writer, source, width * 4L, width, height, null, null, first);
      assertEquals(ReadStatus.OK, ring.read(second, view));
      TileDiff made = ring.diffMadeWhileCopying(view, first);
      assertNotNull(made);
      assertEquals(1, countDiffering(made));

      assertTrue(writer.tryClaim(width, height));
      writer.diffAgainst(second);
      writer.copyFrom(source, 0, width * 4L);
      writer.pixels().set(ValueLayout.JAVA_BYTE, 100, (byte) 1); // the caller may write now
      long third = writer.commit(3, 3, 0);
      assertEquals(ReadStatus.OK, ring.read(third, view));
      assertNull(ring.diffMadeWhileCopying(view, second), "pixels written after the diff");

      writer.diffWhileCopying(0);
      long fourth = write(writer, source, width * 4L, width, height, null, null, third);
      assertEquals(ReadStatus.OK, ring.read(fourth, view));
      assertNull(ring.diffMadeWhileCopying(view, third), "turned off");
      assertSame(null, ring.diffMadeWhileCopying(view, -1));
    }
  }

  private static int countDiffering(TileDiff diff) {
    int differing = 0;
    for (int tile = 0; tile < diff.tiles(); tile++) {
      if (diff.sad(tile) != 0) {
        differing++;
      }
    }
    return differing;
  }

  private FrameRing open(int width, int height) {
    return FrameRing.open(
        dir.resolve("ring"),
        RingGeometry.forBudget(4L * (width * 4L * height + 8192), width, height),
        OffHeapBudget.unlimited());
  }

  private static long seq;

  private static long write(
      FrameRingWriter writer,
      MemorySegment source,
      long sourceStride,
      int width,
      int height,
      long[] chunkHashes,
      boolean[] changedRows,
      long base) {
    assertTrue(writer.tryClaim(width, height));
    writer.diffAgainst(base);
    if (chunkHashes == null) {
      writer.copyFrom(source, 0, sourceStride);
    } else {
      writer.copyFrom(
          source, 0, sourceStride, chunkHashes, changedRows, null, FrameRingWriter.NO_CONTENT_TAG);
    }
    seq++;
    return writer.commit(seq, seq, 0);
  }
}

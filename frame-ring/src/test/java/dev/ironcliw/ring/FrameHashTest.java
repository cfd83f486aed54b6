package dev.ironcliw.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameHashTest {
  @Test
  void shouldCopyAndHashAsAPlainCopyThenAHash() {
    try (Arena arena = Arena.ofConfined()) {
      // Contiguous rows in chunks; padded rows one by one; sizes that are not whole blocks.
      long[][] shapes = {{7680, 7680, 1080}, {1332, 1392, 71}, {4, 4, 3}, {256, 300, 700}};
      for (long[] shape : shapes) {
        long rowBytes = shape[0];
        long stride = shape[1];
        int rows = (int) shape[2];
        MemorySegment source = randomBytes(arena, stride * rows);
        MemorySegment target = arena.allocate(rowBytes * rows);
        long fused = FrameHash.copyAndHash(source, 0, stride, target, rowBytes, rows);
        assertRowsCopied(source, stride, target, rowBytes, rows, rowBytes + "x" + rows);
        assertEquals(FrameHash.hash(target, 0, target.byteSize()), fused, rowBytes + "x" + rows);
      }
    }
  }

  @Test
  void shouldChangeWhenAnySingleBitChanges() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment bytes = randomBytes(arena, 8 * FrameHash.BLOCK_BYTES + 13);
      Set<Long> hashes = new HashSet<>();
      hashes.add(FrameHash.hash(bytes, 0, bytes.byteSize()));
      for (long at = 0; at < bytes.byteSize(); at++) {
        for (int bit = 0; bit < 8; bit++) {
          flip(bytes, at, bit);
          hashes.add(FrameHash.hash(bytes, 0, bytes.byteSize()));
          flip(bytes, at, bit);
        }
      }
      assertEquals(1 + bytes.byteSize() * 8, hashes.size(), "every flipped bit gives a new hash");
    }
  }

  @Test
  void shouldTellLengthsApart() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment zeros = arena.allocate(2L * FrameHash.BLOCK_BYTES);
      assertNotEquals(
          FrameHash.hash(zeros, 0, FrameHash.BLOCK_BYTES),
          FrameHash.hash(zeros, 0, 2L * FrameHash.BLOCK_BYTES));
    }
  }

  @Test
  void shouldCopyOnlyStaleRowsAndHashAgainOnlyChangedRowsChunksYetMatchAWholeCopyAndHash() {
    try (Arena arena = Arena.ofConfined()) {
      long rowBytes = 7680;
      long stride = 7680 + 64; // a crop of a wider root image
      int rows = 300;
      MemorySegment source = randomBytes(arena, stride * rows);
      MemorySegment target = arena.allocate(rowBytes * rows);
      long[] chunkHashes = new long[FrameHash.chunkCount(rowBytes * rows)];
      FrameHash.copyAndRehash(
          source, 0, stride, target, rowBytes, rows, chunkHashes, null, null, null);
      Random random = new Random(11);
      for (int round = 0; round < 50; round++) {
        boolean[] changedRows = new boolean[rows];
        int first = random.nextInt(rows);
        int count = 1 + random.nextInt(12);
        for (int row = first; row < Math.min(rows, first + count); row++) {
          changedRows[row] = true;
          long at = row * stride + random.nextInt((int) rowBytes);
          source.set(ValueLayout.JAVA_BYTE, at, (byte) (source.get(ValueLayout.JAVA_BYTE, at) + 1));
        }
        // The target holds the previous round's frame: only the changed rows are stale.
        long rehashed =
            FrameHash.copyAndRehash(
                source,
                0,
                stride,
                target,
                rowBytes,
                rows,
                chunkHashes,
                changedRows,
                changedRows,
                null);
        assertRowsCopied(source, stride, target, rowBytes, rows, "round " + round);
        assertEquals(FrameHash.hash(target, 0, target.byteSize()), rehashed, "round " + round);
        assertEquals(
            FrameHash.copyAndHash(
                source, 0, stride, arena.allocate(target.byteSize()), rowBytes, rows),
            rehashed,
            "round " + round);
      }
    }
  }

  @Test
  void shouldFindHowManyLeadingChunksMatchReadingInPlace() {
    try (Arena arena = Arena.ofConfined()) {
      long rowBytes = 7680;
      long stride = 7680 + 256;
      int rows = 100; // 12 chunks, the last one partial
      MemorySegment source = randomBytes(arena, stride * rows);
      long[] chunkHashes = new long[FrameHash.chunkCount(rowBytes * rows)];
      MemorySegment target = arena.allocate(rowBytes * rows);
      long whole =
          FrameHash.copyAndRehash(
              source, 0, stride, target, rowBytes, rows, chunkHashes, null, null, null);

      assertEquals(
          chunkHashes.length,
          FrameHash.matchingChunks(source, 0, stride, rowBytes, rows, chunkHashes));
      assertEquals(whole, FrameHash.ofChunks(chunkHashes, rowBytes * rows));
      long at = 70 * stride + 5; // row 70: in the ninth chunk (rows 68-76)
      flip(source, at, 3);
      assertEquals(8, FrameHash.matchingChunks(source, 0, stride, rowBytes, rows, chunkHashes));
      assertEquals(
          -1,
          FrameHash.matchingChunks(source, 0, stride, 1332, 10, new long[1]),
          "rows that are not whole blocks are not hashed in place");
    }
  }

  @Test
  void shouldTellChunksInADifferentOrderApart() {
    try (Arena arena = Arena.ofConfined()) {
      long chunk = FrameHash.CHUNK_BYTES;
      MemorySegment ab = randomBytes(arena, 2 * chunk);
      MemorySegment ba = arena.allocate(2 * chunk);
      MemorySegment.copy(ab, 0, ba, chunk, chunk);
      MemorySegment.copy(ab, chunk, ba, 0, chunk);
      assertNotEquals(FrameHash.hash(ab, 0, 2 * chunk), FrameHash.hash(ba, 0, 2 * chunk));
    }
  }

  @Test
  void shouldGiveTheSlotTheHashOfWhatACopyingWriteCopied() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("frame-hash");
    int width = 333;
    int height = 71;
    try (Arena arena = Arena.ofConfined();
        FrameRing ring =
            FrameRing.open(
                dir.resolve("ring"),
                RingGeometry.forBudget(8L << 20, width, height),
                OffHeapBudget.unlimited())) {
      long sourceStride = width * 4L + 60; // rows with padding, as an X image has
      MemorySegment source = randomBytes(arena, sourceStride * height);
      FrameRingWriter writer = ring.writer();
      assertEquals(true, writer.tryClaim(width, height));
      writer.copyFrom(source, 0, sourceStride);
      long fused = writer.fingerprint();
      for (int row = 0; row < height; row++) {
        assertEquals(
            -1,
            MemorySegment.mismatch(
                source,
                row * sourceStride,
                row * sourceStride + width * 4L,
                writer.pixels(),
                row * width * 4L,
                (row + 1) * width * 4L),
            "row " + row);
      }
      assertEquals(FrameHash.hash(writer.pixels(), 0, writer.pixels().byteSize()), fused);
      writer.abandon();
    }
  }

  private static void assertRowsCopied(
      MemorySegment source,
      long stride,
      MemorySegment target,
      long rowBytes,
      int rows,
      String what) {
    for (int row = 0; row < rows; row++) {
      assertEquals(
          -1,
          MemorySegment.mismatch(
              source,
              row * stride,
              row * stride + rowBytes,
              target,
              row * rowBytes,
              (row + 1) * rowBytes),
          "row " + row + ", " + what);
    }
  }

  private static MemorySegment randomBytes(Arena arena, long length) {
    MemorySegment bytes = arena.allocate(length);
    Random random = new Random(7);
    for (long i = 0; i < length; i++) {
      bytes.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
    }
    return bytes;
  }

  private static void flip(MemorySegment bytes, long at, int bit) {
    bytes.set(
        ValueLayout.JAVA_BYTE, at, (byte) (bytes.get(ValueLayout.JAVA_BYTE, at) ^ (1 << bit)));
  }
}

package dev.ironcliw.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameRingTest {
  private static final int W = 64;
  private static final int H = 32;
  private static final RingGeometry GEOMETRY = new RingGeometry(4, 12288, W * H * 4);

  @TempDir Path dir;

  @Test
  void shouldReadBackACommittedFrameInPlace() {
    try (FrameRing ring = FrameRing.open(dir.resolve("r"), GEOMETRY, OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      long position = TestFrames.write(writer, W, H, 7);
      FrameView view = new FrameView();
      assertEquals(ReadStatus.OK, ring.read(position, view));
      assertEquals(7, view.frameSeq());
      assertEquals(W, view.width());
      assertEquals(H, view.height());
      assertEquals(W * 4, view.strideBytes());
      assertTrue(TestFrames.matches(view.pixels(), 7));
      assertEquals(FrameHash.hash(view.pixels(), 0, view.pixels().byteSize()), view.fingerprint());
      assertTrue(view.stillValid());
      assertEquals(ReadStatus.NOT_YET_WRITTEN, ring.read(position + 1, view));
    }
  }

  /** Forgotten frames leave the ring: not readable, no pixel left, not there after a reopen. */
  @Test
  void shouldWipeTheFramesItIsToldToForgetAndKeepTheOthers() throws Exception {
    Path file = dir.resolve("r");
    long kept;
    long forgotten;
    try (FrameRing ring = FrameRing.open(file, GEOMETRY, OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      kept = TestFrames.write(writer, W, H, 5);
      forgotten = TestFrames.write(writer, W, H, 6);
      assertEquals(1, writer.forget((seq, at) -> seq == 6));
      FrameView view = new FrameView();
      assertEquals(ReadStatus.OK, ring.read(kept, view));
      assertTrue(TestFrames.matches(view.pixels(), 5));
      assertTrue(ring.read(forgotten, view) != ReadStatus.OK);
      assertEquals(1, ring.occupiedSlots());
    }
    byte[] bytes = Files.readAllBytes(file);
    try (Arena arena = Arena.ofConfined()) {
      var written = arena.allocate(W * H * 4L);
      TestFrames.fill(written, 6);
      byte[] pattern =
          written.asSlice(W * 4L * 3, 64).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
      assertFalse(indexOf(bytes, pattern) >= 0, "a row of the forgotten frame is in the file");
      TestFrames.fill(written, 5);
      byte[] keptRow =
          written.asSlice(W * 4L * 3, 64).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
      assertTrue(indexOf(bytes, keptRow) >= 0, "the control: a row of the kept frame is there");
    }
    try (FrameRing ring = FrameRing.open(file, GEOMETRY, OffHeapBudget.unlimited())) {
      assertEquals(1, ring.recoveryReport().validSlots());
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void shouldTakeDoneFramesPagesOutOfTheProcessAndKeepThemReadable() throws Exception {
    int width = 512;
    int height = 512;
    int frameBytes = width * height * 4;
    RingGeometry geometry = new RingGeometry(3, frameBytes + 4096, frameBytes);
    Path file = dir.resolve("r");
    try (FrameRing ring = FrameRing.open(file, geometry, OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      long done = TestFrames.write(writer, width, height, 3);
      long kept = TestFrames.write(writer, width, height, 4);
      long residentBefore = residentKib(file);

      ring.unmapFramesExcept(new long[] {kept});
      ring.unmapFrame(kept + 1); // not written yet: nothing to do

      assertTrue(
          ring.unmappedBytes() >= frameBytes - 4096 && ring.unmappedBytes() <= frameBytes,
          "one frame unmapped: " + ring.unmappedBytes());
      if (residentBefore >= 0) {
        long residentAfter = residentKib(file);
        long frameKib = frameBytes >> 10;
        assertTrue(
            residentAfter <= residentBefore - frameKib + 8 && residentAfter >= frameKib,
            "resident KiB of the ring before " + residentBefore + ", after " + residentAfter);
      }
      FrameView view = new FrameView();
      assertEquals(ReadStatus.OK, ring.read(done, view));
      assertTrue(TestFrames.matches(view.pixels(), 3), "the done frame's pixels, mapped back");
      assertEquals(FrameHash.hash(view.pixels(), 0, view.pixels().byteSize()), view.fingerprint());
      assertEquals(ReadStatus.OK, ring.read(kept, view));
      assertTrue(TestFrames.matches(view.pixels(), 4));
    }
  }

  @Test
  void shouldWriteOnlyTheStaleRowsBackIntoASlotWhosePagesWereTakenOut() throws Exception {
    int width = 512;
    int height = 512;
    long rowBytes = width * 4L;
    long frameBytes = rowBytes * height;
    RingGeometry geometry = new RingGeometry(2, frameBytes + 4096, frameBytes);
    Path file = dir.resolve("r");
    try (Arena arena = Arena.ofConfined();
        FrameRing ring = FrameRing.open(file, geometry, OffHeapBudget.unlimited())) {
      java.lang.foreign.MemorySegment first = arena.allocate(frameBytes);
      java.lang.foreign.MemorySegment second = arena.allocate(frameBytes);
      TestFrames.fill(first, 1);
      TestFrames.fill(second, 2);
      long[] chunkHashes = new long[(int) (frameBytes / FrameHash.CHUNK_BYTES)];
      FrameRingWriter writer = ring.writer();
      assertTrue(writer.tryClaim(width, height));
      writer.copyFrom(first, 0, rowBytes, chunkHashes, null, null, 7);
      long done = writer.commit(1, 1, 0);
      TestFrames.write(writer, width, height, 9); // the other slot
      ring.unmapFrame(done);
      long residentBefore = residentKib(file);

      boolean[] stale = new boolean[height];
      java.util.Arrays.fill(stale, 100, 164, true); // 128 KiB of rows, in three hash chunks
      assertTrue(writer.tryClaim(width, height)); // the unmapped slot again
      assertEquals(7, writer.claimedContentTag());
      writer.copyFrom(second, 0, rowBytes, chunkHashes, stale, stale, 8);
      long rewritten = writer.commit(3, 3, 0);

      if (residentBefore >= 0) {
        long grownKib = residentKib(file) - residentBefore;
        assertTrue(
            grownKib >= 128 && grownKib <= (frameBytes >> 10) / 2,
            "the rows written and the chunks hashed came back, not the frame: "
                + grownKib
                + " KiB");
      }
      FrameView view = new FrameView();
      assertEquals(ReadStatus.OK, ring.read(rewritten, view));
      java.lang.foreign.MemorySegment expected = arena.allocate(frameBytes);
      expected.copyFrom(first);
      expected
          .asSlice(100 * rowBytes, 64 * rowBytes)
          .copyFrom(second.asSlice(100 * rowBytes, 64 * rowBytes));
      assertEquals(-1, view.pixels().mismatch(expected), "stale rows new, the others kept");
      assertEquals(FrameHash.hash(expected, 0, frameBytes), view.fingerprint());
    }
  }

  /** KiB of {@code file}'s mapping resident in this process, or -1 without /proc (not Linux). */
  private static long residentKib(Path file) throws Exception {
    Path smaps = Path.of("/proc/self/smaps");
    if (!Files.isReadable(smaps)) {
      return -1;
    }
    boolean inRing = false;
    long kib = 0;
    for (String line : Files.readAllLines(smaps)) {
      if (Character.isDigit(line.charAt(0)) || Character.isLowerCase(line.charAt(0))) {
        inRing = line.endsWith(file.toString()); // a mapping's first line ends with its path
      } else if (inRing && line.startsWith("Rss:")) {
        kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return kib;
  }

  @Test
  void shouldReportOverwrittenFramesAfterTheRingWraps() {
    try (FrameRing ring = FrameRing.open(dir.resolve("r"), GEOMETRY, OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      for (long seq = 0; seq < 6; seq++) {
        TestFrames.write(writer, W, H, seq);
      }
      FrameView view = new FrameView();
      assertEquals(ReadStatus.OVERWRITTEN, ring.read(0, view));
      assertEquals(ReadStatus.OVERWRITTEN, ring.read(1, view));
      assertEquals(ReadStatus.OK, ring.read(2, view));
      assertEquals(4, ring.occupiedSlots());
    }
  }

  @Test
  void shouldInvalidateAnOpenViewWhenTheWriterTakesItsSlot() {
    try (FrameRing ring = FrameRing.open(dir.resolve("r"), GEOMETRY, OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      TestFrames.write(writer, W, H, 0);
      FrameView view = new FrameView();
      assertEquals(ReadStatus.OK, ring.read(0, view));
      for (long seq = 1; seq <= 3; seq++) {
        TestFrames.write(writer, W, H, seq);
      }
      assertTrue(view.stillValid());
      assertTrue(writer.tryClaim(W, H));
      assertFalse(view.stillValid());
      writer.abandon();
    }
  }

  @Test
  void shouldTellWhatATaggedCopyLeftInASlotUntilAnotherWriteOrTheSlotsPagesGoBack() {
    try (Arena arena = Arena.ofConfined();
        FrameRing ring = FrameRing.open(dir.resolve("r"), GEOMETRY, OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      java.lang.foreign.MemorySegment frame = arena.allocate(W * H * 4L);
      for (int slot = 0; slot < 4; slot++) {
        assertTrue(writer.tryClaim(W, H));
        assertEquals(FrameRingWriter.NO_CONTENT_TAG, writer.claimedContentTag(), "a new slot");
        writer.copyFrom(frame, 0, W * 4L, null, null, null, 100 + slot);
        writer.commit(slot, slot, 0);
      }
      assertTrue(writer.tryClaim(W, H)); // slot 0 again, a lap later
      assertEquals(100, writer.claimedContentTag());
      writer.copyFrom(frame, 0, W * 4L, null, null, null, 200);
      writer.abandon();
      assertTrue(writer.tryClaim(W, H)); // given back: the same slot
      assertEquals(200, writer.claimedContentTag(), "an abandoned frame's pixels stay");
      writer.copyFrom(frame, 0, W * 4L); // untagged
      writer.commit(4, 4, 0);
      TestFrames.write(writer, W, H, 5); // slot 1, drawn in place
      assertTrue(writer.tryClaim(W, H)); // slot 2
      assertEquals(102, writer.claimedContentTag());
      writer.abandon();
      writer.setActiveSlots(2); // slots 2 and 3 are given back
      writer.setActiveSlots(4);
      for (int i = 0; i < 4; i++) {
        assertTrue(writer.tryClaim(W, H));
        assertEquals(
            FrameRingWriter.NO_CONTENT_TAG,
            writer.claimedContentTag(),
            "written untagged, or given back to the system");
        writer.commit(6 + i, 6 + i, 0);
      }
    }
  }

  @Test
  void shouldReuseAGivenBackSlotForTheNextFrame() {
    try (FrameRing ring = FrameRing.open(dir.resolve("r"), GEOMETRY, OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      TestFrames.write(writer, W, H, 0);
      assertTrue(writer.tryClaim(W, H));
      TestFrames.fill(writer.pixels(), 0);
      writer.abandon();
      assertEquals(1, ring.nextPosition());
      assertEquals(ReadStatus.NOT_YET_WRITTEN, ring.read(1, new FrameView()));
      assertEquals(1, TestFrames.write(writer, W, H, 1));
      FrameView view = new FrameView();
      assertEquals(ReadStatus.OK, ring.read(1, view));
      assertEquals(1, view.frameSeq());
    }
  }

  @Test
  void shouldRefuseToOverwriteFramesAConsumerRetains() {
    try (FrameRing ring = FrameRing.open(dir.resolve("r"), GEOMETRY, OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      ring.retainFrom(0);
      for (long seq = 0; seq < 4; seq++) {
        TestFrames.write(writer, W, H, seq);
      }
      assertFalse(writer.tryClaim(W, H));
      ring.retainFrom(1);
      assertTrue(writer.tryClaim(W, H));
      writer.abandon();
    }
  }

  @Test
  void shouldRejectAFrameLargerThanASlot() {
    try (FrameRing ring = FrameRing.open(dir.resolve("r"), GEOMETRY, OffHeapBudget.unlimited())) {
      assertThrows(IllegalArgumentException.class, () -> ring.writer().tryClaim(W * 2, H));
    }
  }

  @Test
  void shouldRefuseASecondOpenOfTheSameFile() {
    Path file = dir.resolve("r");
    try (FrameRing ring = FrameRing.open(file, GEOMETRY, OffHeapBudget.unlimited())) {
      TestFrames.write(ring.writer(), W, H, 0);
      assertThrows(
          RingInUseException.class,
          () -> FrameRing.open(file, GEOMETRY, OffHeapBudget.unlimited()));
      FrameView view = new FrameView();
      assertEquals(ReadStatus.OK, ring.read(0, view));
      assertTrue(TestFrames.matches(view.pixels(), 0));
    }
  }

  @Test
  void shouldReserveTheWholeMappingAndReleaseItOnClose() {
    CountingBudget budget = new CountingBudget(Long.MAX_VALUE);
    try (FrameRing ring = FrameRing.open(dir.resolve("r"), GEOMETRY, budget)) {
      assertEquals(RingFileDescriptor.fileBytes(ring.geometry()), budget.reservedBytes());
    }
    assertEquals(0, budget.reservedBytes());
  }

  @Test
  void shouldNotTouchTheFileWhenTheBudgetIsTooSmall() throws Exception {
    Path file = dir.resolve("r");
    try (FrameRing ring = FrameRing.open(file, GEOMETRY, OffHeapBudget.unlimited())) {
      TestFrames.write(ring.writer(), W, H, 3);
    }
    OffHeapBudget tiny =
        (component, bytes) -> {
          throw new BudgetExceededException(component, bytes, 0, 0);
        };
    assertThrows(BudgetExceededException.class, () -> FrameRing.open(file, GEOMETRY, tiny));
    try (FrameRing ring = FrameRing.open(file, GEOMETRY, OffHeapBudget.unlimited())) {
      FrameView view = new FrameView();
      assertEquals(ReadStatus.OK, ring.read(0, view));
      assertTrue(TestFrames.matches(view.pixels(), 3));
    }
  }

  @Test
  void shouldRecoverCommittedFramesAndDiscardCorruptOnesOnReopen() throws Exception {
    Path file = dir.resolve("r");
    try (FrameRing ring = FrameRing.open(file, GEOMETRY, OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      for (long seq = 10; seq < 13; seq++) {
        TestFrames.write(writer, W, H, seq);
      }
    }
    // Flip one pixel byte of the frame at position 1 behind the ring's back.
    try (FileChannel channel =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Arena arena = Arena.ofConfined()) {
      var map = channel.map(FileChannel.MapMode.READ_WRITE, 0, Files.size(file), arena);
      long pixel =
          RingFileDescriptor.slotOffset(1, GEOMETRY.slotBytes()) + SlotDescriptor.PIXELS_OFFSET;
      map.set(
          java.lang.foreign.ValueLayout.JAVA_BYTE,
          pixel,
          (byte) ~map.get(java.lang.foreign.ValueLayout.JAVA_BYTE, pixel));
    }
    try (FrameRing ring = FrameRing.open(file, GEOMETRY, OffHeapBudget.unlimited())) {
      RecoveryReport report = ring.recoveryReport();
      assertTrue(report.reopened());
      assertEquals(2, report.validSlots());
      assertEquals(1, report.discardedSlots());
      assertEquals(3, report.nextPosition());
      assertEquals(12, report.highestFrameSeq());
      FrameView view = new FrameView();
      assertEquals(ReadStatus.OK, ring.read(0, view));
      assertTrue(TestFrames.matches(view.pixels(), 10));
      assertEquals(ReadStatus.MISSING, ring.read(1, view));
      assertEquals(ReadStatus.OK, ring.read(2, view));
      assertEquals(3, TestFrames.write(ring.writer(), W, H, 13));
    }
  }

  @Test
  void shouldReopenALargerRingWholeWhileItFitsTheMostItMayTake() throws Exception {
    Path file = dir.resolve("r");
    try (FrameRing ring = FrameRing.open(file, GEOMETRY, OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      for (long seq = 0; seq < 3; seq++) {
        TestFrames.write(writer, W, H, seq);
      }
    }
    RingGeometry fewer = GEOMETRY.withAtMostSlots(2);
    try (FrameRing ring =
        FrameRing.open(
            file, fewer, RingFileDescriptor.fileBytes(GEOMETRY), OffHeapBudget.unlimited())) {
      assertTrue(ring.recoveryReport().reopened());
      assertEquals(GEOMETRY, ring.geometry());
      assertEquals(3, ring.recoveryReport().validSlots());
    }
    // Over the most it may take: a new ring of the wanted size, the old one moved aside.
    try (FrameRing ring =
        FrameRing.open(
            file, fewer, RingFileDescriptor.fileBytes(fewer), OffHeapBudget.unlimited())) {
      assertFalse(ring.recoveryReport().reopened());
      assertEquals(fewer, ring.geometry());
    }
    assertEquals(RingFileDescriptor.fileBytes(GEOMETRY), Files.size(dir.resolve("r.previous")));
  }

  @Test
  void shouldMoveAsideARingThatCannotHoldTheNewFrames() throws Exception {
    Path file = dir.resolve("r");
    try (FrameRing ring = FrameRing.open(file, GEOMETRY, OffHeapBudget.unlimited())) {
      TestFrames.write(ring.writer(), W, H, 0);
    }
    RingGeometry bigger = RingGeometry.forBudget(1 << 20, 128, 128);
    try (FrameRing ring = FrameRing.open(file, bigger, OffHeapBudget.unlimited())) {
      assertFalse(ring.recoveryReport().reopened());
      assertEquals(bigger, ring.geometry());
    }
    assertTrue(Files.size(dir.resolve("r.previous")) > 0);
  }

  @Test
  void shouldSizeTheRingFromItsBudgetAndExplainWhenTooSmall() {
    RingGeometry g = RingGeometry.forBudget(512L << 20, 1920, 1080);
    assertEquals(1920 * 1080 * 4, g.maxFrameBytes());
    assertEquals(0, g.slotBytes() % 4096);
    assertEquals(((512L << 20) - 4096) / g.slotBytes(), g.slotCount());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RingGeometry.forBudget(8L << 20, 1920, 1080));
    assertTrue(e.getMessage().contains("at least 2 are needed"), e.getMessage());
  }
}

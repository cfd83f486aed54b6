package dev.ironcliw.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The active part of the ring shrinking and growing while frames are written. */
class FrameRingResizeTest {
  private static final int W = 64;
  private static final int H = 32;
  private static final RingGeometry GEOMETRY = new RingGeometry(8, 12288, W * H * 4);
  private static final long SLOT = GEOMETRY.slotBytes();
  private static final long HEADER = RingFileDescriptor.FILE_HEADER_BYTES;

  @TempDir Path dir;

  @Test
  void shouldWriteOnlyTheActiveSlotsAndGiveTheOthersBack() {
    CountingBudget budget = new CountingBudget(Long.MAX_VALUE);
    try (FrameRing ring = FrameRing.open(dir.resolve("r"), GEOMETRY, budget)) {
      FrameRingWriter writer = ring.writer();
      writeFrames(writer, 0, 8);

      writer.setActiveSlots(3);

      assertEquals(3, ring.activeSlots());
      assertEquals(HEADER + 3 * SLOT, budget.reservedBytes());
      assertEquals(HEADER + 3 * SLOT, ring.activeBytes());
      assertTrue(ring.releasedBytes() > 0, "no page of the 5 dropped slots was given back");
      FrameView view = new FrameView();
      for (long position = 3; position < 8; position++) {
        assertNotEquals(ReadStatus.OK, ring.read(position, view), "position " + position);
      }
      assertReadable(ring, 0, 0); // still in an active slot until overwritten

      writeFrames(writer, 8, 20);
      assertEquals(3, ring.occupiedSlots());
      for (long seq = 17; seq < 20; seq++) {
        assertReadable(ring, seq, seq);
      }
      assertEquals(ReadStatus.OVERWRITTEN, ring.read(16, view));
    }
    assertEquals(0, budget.reservedBytes());
  }

  @Test
  void shouldKeepFramesAConsumerRetainsUntilItMovesOn() {
    try (FrameRing ring = FrameRing.open(dir.resolve("r"), GEOMETRY, OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      writeFrames(writer, 0, 8);
      ring.retainFrom(5);

      writer.setActiveSlots(3);

      FrameView view = new FrameView();
      assertNotEquals(ReadStatus.OK, ring.read(3, view));
      assertNotEquals(ReadStatus.OK, ring.read(4, view));
      for (long seq = 5; seq < 8; seq++) {
        assertReadable(ring, seq, seq);
      }
      ring.retainFrom(8);
      assertTrue(writer.tryClaim(W, H)); // a duplicate frame, given back: no commit needed
      writer.abandon();
      for (long position = 5; position < 8; position++) {
        assertNotEquals(ReadStatus.OK, ring.read(position, view), "position " + position);
      }
      writeFrames(writer, 8, 9);
      assertReadable(ring, 8, 8);
    }
  }

  @Test
  void shouldGrowBackWithinTheBudgetAndRefuseBeyondIt() {
    CountingBudget budget = new CountingBudget(Long.MAX_VALUE);
    try (FrameRing ring = FrameRing.open(dir.resolve("r"), GEOMETRY, budget)) {
      FrameRingWriter writer = ring.writer();
      writeFrames(writer, 0, 5);
      writer.setActiveSlots(2);
      budget.setLimit(HEADER + 4 * SLOT);

      BudgetExceededException refused =
          assertThrows(BudgetExceededException.class, () -> writer.setActiveSlots(8));
      assertTrue(refused.getMessage().contains(FrameRing.BUDGET_COMPONENT), refused.getMessage());
      assertEquals(2, ring.activeSlots());

      writer.setActiveSlots(4);
      writeFrames(writer, 5, 13);
      assertEquals(4, ring.occupiedSlots());
      for (long seq = 9; seq < 13; seq++) {
        assertReadable(ring, seq, seq);
      }
      assertThrows(IllegalArgumentException.class, () -> writer.setActiveSlots(1));
      assertThrows(IllegalArgumentException.class, () -> writer.setActiveSlots(9));
    }
  }

  @Test
  void shouldRecoverFramesWrittenAfterAResize() {
    Path file = dir.resolve("r");
    try (FrameRing ring = FrameRing.open(file, GEOMETRY, OffHeapBudget.unlimited())) {
      FrameRingWriter writer = ring.writer();
      writeFrames(writer, 0, 8);
      writer.setActiveSlots(3); // positions 8, 9 go to slots 0, 1: not position % 8
      writeFrames(writer, 8, 10);
    }
    try (FrameRing ring = FrameRing.open(file, GEOMETRY, OffHeapBudget.unlimited())) {
      assertEquals(3, ring.recoveryReport().validSlots());
      assertEquals(10, ring.nextPosition());
      assertEquals(8, ring.activeSlots());
      assertReadable(ring, 2, 2);
      assertReadable(ring, 8, 8);
      assertReadable(ring, 9, 9);
      writeFrames(ring.writer(), 10, 11);
      assertReadable(ring, 10, 10);
      assertReadable(ring, 9, 9);
    }
  }

  private static void writeFrames(FrameRingWriter writer, long fromSeq, long toSeq) {
    for (long seq = fromSeq; seq < toSeq; seq++) {
      TestFrames.write(writer, W, H, seq);
    }
  }

  private static void assertReadable(FrameRing ring, long position, long seq) {
    FrameView view = new FrameView();
    assertEquals(ReadStatus.OK, ring.read(position, view), "position " + position);
    assertEquals(seq, view.frameSeq());
    assertTrue(TestFrames.matches(view.pixels(), seq), "pixels of position " + position);
    assertTrue(view.stillValid());
  }
}

package dev.ironcliw.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemapCostTest {
  private static final long MIB = 1 << 20;

  @TempDir Path dir;

  @Test
  void theExtraCostIsTheRemappedWritesOverTheMappedOnesPlusTheUnmapping() {
    RemapCost cost = new RemapCost();
    assertTrue(Double.isNaN(cost.extraNanosPerByte()), "nothing measured yet");

    cost.recordWrite(12 * MIB, 4 * MIB, true); // 3 ns a byte into pages that were out
    assertEquals(3, cost.extraNanosPerByte(), 1e-9, "all of it, until a write into pages left in");
    cost.recordWrite(4 * MIB, 4 * MIB, false); // 1 ns a byte into mapped pages
    assertEquals(2, cost.extraNanosPerByte(), 1e-9);
    cost.recordUnmap(MIB, 4 * MIB); // 0.25 ns a byte

    assertEquals(2.25, cost.extraNanosPerByte(), 1e-9);
  }

  @Test
  void smallWritesAreNotTimedAndTheAverageMovesWithNewSamples() {
    RemapCost cost = new RemapCost();
    cost.recordWrite(MIB, 2 * MIB, false);
    cost.recordWrite(MIB, 2 * MIB, true);
    cost.recordUnmap(0, 2 * MIB);
    assertEquals(0, cost.extraNanosPerByte(), 1e-9);

    cost.recordWrite(1_000_000, 1000, true); // a few rows: not a sample
    assertEquals(0, cost.extraNanosPerByte(), 1e-9);

    cost.recordWrite(5 * 2 * MIB, 2 * MIB, true); // 5 ns a byte now
    double after = cost.extraNanosPerByte();
    assertTrue(after > 0 && after < 4.5, "moved toward the new cost, not to it: " + after);
  }

  @Test
  void theRingMeasuresWritesIntoSlotsItsPagesWereTakenOutOf() {
    int width = 1024;
    int height = 512; // 2 MiB a frame
    try (Arena arena = Arena.ofConfined();
        FrameRing ring =
            FrameRing.open(
                dir.resolve("frames.ring"),
                RingGeometry.forBudget(4 * (2 * MIB + 8192), width, height),
                OffHeapBudget.unlimited())) {
      MemorySegment source = arena.allocate(width * 4L * height);
      FrameRingWriter writer = ring.writer();
      int slots = ring.geometry().slotCount();
      for (int lap = 0; lap < 3; lap++) {
        for (int slot = 0; slot < slots; slot++) {
          assertTrue(writer.tryClaim(width, height));
          source.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, lap * slots + slot);
          writer.copyFrom(source, 0, width * 4L);
          long position = writer.commit(lap * slots + slot, 0, 0);
          if (slot % 2 == 0) {
            ring.unmapFrame(position); // the next lap writes this slot with its pages out
          }
        }
      }

      double extra = ring.remapCost().extraNanosPerByte();
      assertFalse(Double.isNaN(extra), "writes of both kinds and unmappings were measured");
      assertTrue(extra >= 0, "never below nothing: " + extra);
    }
  }
}

package dev.ironcliw.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.ring.FrameHash;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.RingGeometry;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DamageFollowingWritesTest {
  private static final int W = 300;
  private static final int H = 200;

  @TempDir Path dir;

  @Test
  void shouldWriteWhatAWholeCopyWouldWhileSlotsGoRoundAndDisplaysShareThem() {
    // Two displays side by side in one image; a ring of few slots, so each claim finds an older
    // frame of either display, or (given back) the one just written.
    List<Rect> displays = List.of(new Rect(0, 0, W / 2, H), new Rect(W / 2, 0, W / 2, H));
    DamageFollowingWrites writes = new DamageFollowingWrites(H, displays);
    long stride = W * 4L;
    long frameBytes = (W / 2) * 4L * H;
    try (Arena arena = Arena.ofConfined();
        FrameRing ring =
            FrameRing.open(
                dir.resolve("ring"),
                RingGeometry.forBudget(5 * frameBytes, W / 2, H),
                OffHeapBudget.unlimited())) {
      MemorySegment image = arena.allocate(stride * H);
      MemorySegment whole = arena.allocate(frameBytes);
      Random random = new Random(5);
      fill(image, 0, H, random);
      writes.changedAll();
      FrameRingWriter writer = ring.writer();
      int copiedLess = 0;
      for (int tick = 0; tick < 200; tick++) {
        if (tick % 25 == 24) {
          fill(image, 0, H, random);
          writes.changedAll();
        } else {
          writes.nextVersion();
          for (int band = random.nextInt(3); band > 0; band--) {
            int first = random.nextInt(H);
            int rows = 1 + random.nextInt(20);
            fill(image, first, Math.min(H, first + rows), random);
            writes.changed(first, rows);
          }
        }
        int display = random.nextInt(2);
        assertTrue(writer.tryClaim(W / 2, H));
        boolean slotHeldSomething = writer.claimedContentTag() != FrameRingWriter.NO_CONTENT_TAG;
        Rect area = displays.get(display);
        writes.write(writer, display, image, area.x() * 4L, stride);
        FrameHash.copyAndHash(image, area.x() * 4L, stride, whole, (W / 2) * 4L, H);
        assertEquals(
            -1,
            MemorySegment.mismatch(whole, 0, frameBytes, writer.pixels(), 0, frameBytes),
            "tick " + tick);
        assertEquals(FrameHash.hash(whole, 0, frameBytes), writer.fingerprint(), "tick " + tick);
        copiedLess += slotHeldSomething ? 1 : 0;
        if (tick % 4 == 0) {
          writer.abandon();
        } else {
          writer.commit(tick, tick, display);
        }
      }
      assertTrue(copiedLess > 100, "claims that found a tagged slot: " + copiedLess);
    }
  }

  private static void fill(MemorySegment image, int fromRow, int toRow, Random random) {
    for (long at = fromRow * W * 4L; at < toRow * W * 4L; at += 4) {
      image.set(ValueLayout.JAVA_INT, at, random.nextInt());
    }
  }
}

package dev.ironcliw.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.ring.FrameHash;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.ReadStatus;
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

  @Test
  void shouldCopyAWholeGrabOnlyWhenItDiffersAndWhereItDiffersHashAgain() {
    // Rows of whole hash blocks, several chunks a frame: a grab that cannot say what changed is
    // hashed where it lies first; a duplicate is then copied only if committed.
    int width = 128;
    int height = 600;
    long stride = width * 4L;
    long frameBytes = stride * height;
    DamageFollowingWrites writes =
        new DamageFollowingWrites(height, List.of(new Rect(0, 0, width, height)));
    try (Arena arena = Arena.ofConfined();
        FrameRing ring =
            FrameRing.open(
                dir.resolve("ring"),
                RingGeometry.forBudget(4 * frameBytes + 65536, width, height),
                OffHeapBudget.unlimited())) {
      MemorySegment image = arena.allocate(frameBytes);
      MemorySegment whole = arena.allocate(frameBytes);
      Random random = new Random(8);
      FrameRingWriter writer = ring.writer();
      for (int tick = 0; tick < 120; tick++) {
        switch (tick % 5) {
          case 0 -> fill(image, 0, height, random, width); // all new
          case 1, 2 -> {} // the same again, and again: then hashed where it lies, not copied
          case 3 -> fill(image, height - 3, height, random, width); // the last rows, after that
          default -> fill(image, 2, 5, random, width); // the first rows
        }
        writes.changedAll();
        assertTrue(writer.tryClaim(width, height));
        writes.write(writer, 0, image, 0, stride);
        FrameHash.copyAndHash(image, 0, stride, whole, stride, height);
        assertEquals(FrameHash.hash(whole, 0, frameBytes), writer.fingerprint(), "tick " + tick);
        if (tick % 3 == 0) {
          writer.abandon();
          continue;
        }
        long position = writer.commit(tick, tick, 0); // a duplicate committed is copied then
        FrameView view = new FrameView();
        assertEquals(ReadStatus.OK, ring.read(position, view), "tick " + tick);
        assertEquals(
            -1,
            MemorySegment.mismatch(whole, 0, frameBytes, view.pixels(), 0, frameBytes),
            "tick " + tick);
      }
    }
  }

  private static void fill(MemorySegment image, int fromRow, int toRow, Random random, int width) {
    for (long at = fromRow * width * 4L; at < toRow * width * 4L; at += 4) {
      image.set(ValueLayout.JAVA_INT, at, random.nextInt());
    }
  }

  private static void fill(MemorySegment image, int fromRow, int toRow, Random random) {
    for (long at = fromRow * W * 4L; at < toRow * W * 4L; at += 4) {
      image.set(ValueLayout.JAVA_INT, at, random.nextInt());
    }
  }
}

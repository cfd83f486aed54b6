package dev.ironcliw.diff;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.TileDiff;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

/**
 * Runs a candidate engine on a synthetic pair (partial tiles, sparse and dense changes) against the
 * CPU engine; a backend is used only when every tile sum matches.
 */
public final class EngineSelfTest {
  private static final int W = 200;
  private static final int H = 120;

  private EngineSelfTest() {}

  /** Null when {@code candidate} matches the CPU engine exactly, else what differed. */
  public static String check(DiffEngine candidate, int tileSize) {
    try (Arena arena = Arena.ofShared(); // engines may read from worker threads
        DiffEngine reference = new ScalarTileDiffEngine(tileSize, 0)) {
      Random random = new Random(20261122);
      MemorySegment a = arena.allocate((long) W * H * 4);
      MemorySegment b = arena.allocate((long) W * H * 4);
      byte[] bytes = new byte[(int) a.byteSize()];
      random.nextBytes(bytes);
      MemorySegment.copy(MemorySegment.ofArray(bytes), 0, a, 0, bytes.length);
      for (int i = 0; i < 2000; i++) {
        bytes[random.nextInt(bytes.length / 2)] ^= (byte) (1 + random.nextInt(255)); // sparse top
      }
      for (int i = bytes.length / 2; i < bytes.length; i++) {
        bytes[i] = (byte) random.nextInt(256); // dense bottom
      }
      MemorySegment.copy(MemorySegment.ofArray(bytes), 0, b, 0, bytes.length);
      FrameView previous = FrameView.detached(a, W, H, W * 4, 1);
      FrameView current = FrameView.detached(b, W, H, W * 4, 2);
      long[] expected = sums(reference.diff(previous, current));
      long[] actual = sums(candidate.diff(previous, current));
      for (int t = 0; t < expected.length; t++) {
        if (expected[t] != actual[t]) {
          return "tile " + t + ": " + actual[t] + " instead of " + expected[t];
        }
      }
      return null;
    } catch (DeviceException e) {
      return e.getMessage();
    }
  }

  private static long[] sums(TileDiff diff) {
    long[] sums = new long[diff.tilesX() * diff.tilesY()];
    for (int ty = 0; ty < diff.tilesY(); ty++) {
      for (int tx = 0; tx < diff.tilesX(); tx++) {
        sums[ty * diff.tilesX() + tx] = diff.sad(tx, ty);
      }
    }
    return sums;
  }
}

package dev.ironcliw.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.TileDiff;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackDiffEngineTest {
  /** A device that works for a while, then is lost. */
  private static final class FlakyDevice implements DiffEngine {
    private final DiffEngine inner = new ScalarTileDiffEngine(32, 0);
    int callsBeforeLoss;

    FlakyDevice(int callsBeforeLoss) {
      this.callsBeforeLoss = callsBeforeLoss;
    }

    @Override
    public String backend() {
      return "flaky";
    }

    @Override
    public TileDiff diff(FrameView previous, FrameView current, List<Rect> damage) {
      if (callsBeforeLoss-- <= 0) {
        throw new DeviceException("CL_DEVICE_NOT_AVAILABLE");
      }
      return inner.diff(previous, current, damage);
    }

    @Override
    public void setTileThreshold(long threshold) {}

    @Override
    public long tileThreshold() {
      return 0;
    }
  }

  @Test
  void shouldDiffTheSameFrameOnTheCpuWhenTheDeviceIsLost() {
    try (Arena arena = Arena.ofShared()) {
      MemorySegment a = arena.allocate(64 * 32 * 4);
      MemorySegment b = arena.allocate(64 * 32 * 4);
      b.fill((byte) 9);
      FrameView previous = FrameView.detached(a, 64, 32, 256, 1);
      FrameView current = FrameView.detached(b, 64, 32, 256, 2);
      try (FallbackDiffEngine engine =
          new FallbackDiffEngine(new FlakyDevice(1), new SimdTileDiffEngine(32, 0, 1))) {
        assertEquals(2, engine.diff(previous, current).changedTiles());
        assertEquals("flaky", engine.backend());
        assertEquals(
            2,
            engine.diff(previous, current).changedTiles(),
            "the failing frame still gets its diff");
        assertTrue(engine.failedOver());
        assertTrue(
            engine.backend().contains("after flaky failed: CL_DEVICE_NOT_AVAILABLE"),
            engine.backend());
      }
    }
  }

  @Test
  void shouldPassTheSelfTestOnlyWithExactResults() {
    try (DiffEngine simd = new SimdTileDiffEngine(32, 0, 2)) {
      assertNull(EngineSelfTest.check(simd, 32));
    }
    DiffEngine offByOne =
        new DiffEngine() {
          private final DiffEngine inner = new ScalarTileDiffEngine(32, 0);

          @Override
          public String backend() {
            return "wrong";
          }

          @Override
          public TileDiff diff(FrameView previous, FrameView current, List<Rect> damage) {
            TileDiff diff = inner.diff(previous, current, damage);
            diff.addSad(3, 1);
            return diff;
          }

          @Override
          public void setTileThreshold(long threshold) {}

          @Override
          public long tileThreshold() {
            return 0;
          }
        };
    assertTrue(EngineSelfTest.check(offByOne, 32).startsWith("tile 3:"));
  }
}

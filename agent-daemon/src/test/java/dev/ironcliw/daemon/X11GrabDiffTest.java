package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.Grab;
import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.capture.x11.X11Source;
import dev.ironcliw.capture.x11.XTestClient;
import dev.ironcliw.diff.DeviceException;
import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.ScalarTileDiffEngine;
import dev.ironcliw.diff.SimdTileDiffEngine;
import dev.ironcliw.diff.opencl.OpenClDevice;
import dev.ironcliw.diff.opencl.OpenClTileDiffEngine;
import dev.ironcliw.diff.vulkan.VulkanTileDiffEngine;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.TileDiff;
import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real X11 grabs (Xvfb) through every diff engine: tile maps identical to the reference. */
class X11GrabDiffTest {
  private static final int W = 650; // partial last tile column
  private static final int H = 365; // partial last tile row

  private static FrameView grab(X11Source source, long tick, Arena arena, long fingerprint) {
    assertEquals(Grab.FRAME, source.grab(0, tick));
    MemorySegment pixels = arena.allocate((long) W * H * 4);
    source.copyFrameTo(pixels, W * 4);
    return FrameView.detached(pixels, W, H, W * 4, fingerprint);
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

  @Test
  void shouldGiveTheReferenceTileMapOnRealGrabsWithEveryEngine() throws Exception {
    List<OpenClDevice> openCl = OpenClDevice.list();
    NativeRequirement.require(!openCl.isEmpty(), NativePiece.OPENCL);
    try {
      new VulkanTileDiffEngine(32, 0, false).close();
    } catch (DeviceException | LinkageError e) {
      NativeRequirement.require(false, NativePiece.VULKAN, e.getMessage());
    }
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display());
        X11Source source =
            X11Source.open(xvfb.display(), List.of("all"), false, List.of(), List.of());
        Arena arena = Arena.ofShared()) {
      client.rootColour(0x336699);
      long window = client.window(100, 50, 300, 200, 0xEEEEEE, "editor", "editor");
      client.fill(window, 10, 10, 200, 14, 0x222222);
      FrameView before = grab(source, 1, arena, 1);
      client.move(window, 130, 70); // a window moved
      client.fill(window, 10, 40, 90, 14, 0x222222); // text typed
      client.fill(client.root(), 640, 360, 10, 5, 0x336698); // a one-level change in the corner
      FrameView after = grab(source, 2, arena, 2);

      List<DiffEngine> engines = new ArrayList<>();
      engines.add(new SimdTileDiffEngine(32, 0, 2));
      engines.add(new OpenClTileDiffEngine(openCl.getFirst(), 32, 0));
      engines.add(new VulkanTileDiffEngine(32, 0, false));
      try (DiffEngine reference = new ScalarTileDiffEngine(32, 0)) {
        TileDiff expected = reference.diff(before, after);
        long[] expectedSums = sums(expected);
        assertTrue(expected.changedTiles() > 10, "the scene changed: " + expected.changedTiles());
        assertEquals(21, expected.tilesX());
        assertEquals(12, expected.tilesY());
        assertEquals(50, expected.sad(20, 11), "one level of blue on each of 10x5 pixels");
        for (DiffEngine engine : engines) {
          try (engine) {
            assertArrayEquals(expectedSums, sums(engine.diff(before, after)), engine.backend());
          }
        }
      }
    }
  }
}

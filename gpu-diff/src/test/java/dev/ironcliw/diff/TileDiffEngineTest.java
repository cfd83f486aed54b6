package dev.ironcliw.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.diff.opencl.OpenClDevice;
import dev.ironcliw.diff.opencl.OpenClTileDiffEngine;
import dev.ironcliw.diff.vulkan.VulkanTileDiffEngine;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.ReadStatus;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.RingGeometry;
import dev.ironcliw.ring.TileContentHash;
import dev.ironcliw.ring.TileDiff;
import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every engine over the same cases, each tile's SAD compared with a brute-force sum: the tile maps
 * must be bit-identical.
 */
class TileDiffEngineTest {
  private static final int W = 200; // 7 tiles of 32, the last one 8 wide
  private static final int H = 100; // 4 tile rows, the last one 4 high

  @TempDir static Path dir;
  private static FrameRing ring;
  private static FrameRingWriter writer;
  private static long seq;

  @BeforeAll
  static void open() {
    ring =
        FrameRing.open(
            dir.resolve("r"),
            RingGeometry.forBudget(4L * (5120 * 2880 * 4 + 8192), 5120, 2880),
            OffHeapBudget.unlimited());
    writer = ring.writer();
  }

  @AfterAll
  static void close() {
    ring.close();
  }

  static Stream<Arguments> engines() {
    return Stream.of(
        Arguments.of("scalar", (Supplier<DiffEngine>) () -> new ScalarTileDiffEngine(32, 0)),
        Arguments.of("simd-1", (Supplier<DiffEngine>) () -> new SimdTileDiffEngine(32, 0, 1)),
        Arguments.of("simd-2", (Supplier<DiffEngine>) () -> new SimdTileDiffEngine(32, 0, 2)),
        Arguments.of("simd-3", (Supplier<DiffEngine>) () -> new SimdTileDiffEngine(32, 0, 3)),
        Arguments.of(
            "opencl-zero-copy",
            (Supplier<DiffEngine>)
                () ->
                    openCl(
                        OpenClTileDiffEngine.Kernel.PER_TILE,
                        OpenClTileDiffEngine.Transfer.ZERO_COPY)),
        Arguments.of(
            "opencl-work-group-staged",
            (Supplier<DiffEngine>)
                () ->
                    openCl(
                        OpenClTileDiffEngine.Kernel.WORK_GROUP,
                        OpenClTileDiffEngine.Transfer.PINNED_STAGING)),
        Arguments.of(
            "vulkan",
            (Supplier<DiffEngine>) () -> vulkan(VulkanTileDiffEngine.Memory.HOST_VISIBLE)),
        Arguments.of(
            "vulkan-staged",
            (Supplier<DiffEngine>) () -> vulkan(VulkanTileDiffEngine.Memory.STAGED)));
  }

  /**
   * Vulkan with the validation layer on (lavapipe in CI); closing it fails the test if the layer
   * reported anything.
   */
  private static DiffEngine vulkan(VulkanTileDiffEngine.Memory memory) {
    VulkanTileDiffEngine engine;
    try {
      engine = new VulkanTileDiffEngine(32, 0, true, memory);
    } catch (DeviceException | LinkageError e) {
      NativeRequirement.require(
          false,
          String.valueOf(e.getMessage()).contains("VK_LAYER_KHRONOS_validation")
              ? NativePiece.VULKAN_VALIDATION
              : NativePiece.VULKAN,
          e.getMessage());
      throw e;
    }
    return new DiffEngine() {
      @Override
      public String backend() {
        return engine.backend();
      }

      @Override
      public TileDiff diff(FrameView previous, FrameView current, List<Rect> damage) {
        return engine.diff(previous, current, damage);
      }

      @Override
      public void setTileThreshold(long threshold) {
        engine.setTileThreshold(threshold);
      }

      @Override
      public long tileThreshold() {
        return engine.tileThreshold();
      }

      @Override
      public void close() {
        List<String> messages = engine.validationMessages();
        engine.close();
        assertEquals(List.of(), messages, "Vulkan validation messages");
      }
    };
  }

  /** The first OpenCL device (pocl in CI); skips, or fails in CI, when there is none. */
  private static DiffEngine openCl(
      OpenClTileDiffEngine.Kernel layout, OpenClTileDiffEngine.Transfer transfer) {
    List<OpenClDevice> devices = OpenClDevice.list();
    NativeRequirement.require(!devices.isEmpty(), NativePiece.OPENCL);
    return new OpenClTileDiffEngine(devices.getFirst(), 32, 0, layout, transfer);
  }

  private static FrameView frame(int width, int height, Consumer<MemorySegment> paint) {
    writer.tryClaim(width, height);
    writer.pixels().fill((byte) 0x40);
    paint.accept(writer.pixels());
    long position = writer.commit(seq++, 0, 0);
    FrameView view = new FrameView();
    assertEquals(ReadStatus.OK, ring.read(position, view));
    return view;
  }

  private static FrameView random(int width, int height, long seed) {
    return frame(
        width,
        height,
        p -> {
          byte[] bytes = new byte[(int) p.byteSize()];
          new Random(seed).nextBytes(bytes);
          MemorySegment.copy(MemorySegment.ofArray(bytes), 0, p, 0, bytes.length);
        });
  }

  private static void setPixel(MemorySegment pixels, int width, int x, int y, int bgrx) {
    pixels.set(ValueLayout.JAVA_INT_UNALIGNED, ((long) y * width + x) * 4, bgrx);
  }

  /** Checks every tile against a brute-force sum over B, G, R; returns the changed-tile count. */
  private static int assertMatchesBruteForce(
      TileDiff diff, FrameView a, FrameView b, int tileSize, long threshold) {
    int changed = 0;
    int width = b.width();
    for (int ty = 0; ty < diff.tilesY(); ty++) {
      for (int tx = 0; tx < diff.tilesX(); tx++) {
        long expected = 0;
        for (int y = ty * tileSize; y < Math.min(b.height(), (ty + 1) * tileSize); y++) {
          for (int x = tx * tileSize; x < Math.min(width, (tx + 1) * tileSize); x++) {
            long at = ((long) y * width + x) * 4;
            for (int c = 0; c < 3; c++) {
              expected +=
                  Math.abs(
                      (a.pixels().get(ValueLayout.JAVA_BYTE, at + c) & 0xFF)
                          - (b.pixels().get(ValueLayout.JAVA_BYTE, at + c) & 0xFF));
            }
          }
        }
        assertEquals(expected, diff.sad(tx, ty), "tile " + tx + "," + ty);
        if (diff.hasContentHashes() && expected != 0) {
          // An engine that hashes the tiles it reads gives what the verdict would compute.
          int x = tx * tileSize;
          int y = ty * tileSize;
          assertEquals(
              TileContentHash.hash(
                  b.pixels(),
                  b.strideBytes(),
                  x,
                  y,
                  Math.min(tileSize, width - x),
                  Math.min(tileSize, b.height() - y)),
              diff.contentHash(ty * diff.tilesX() + tx),
              "content hash of tile " + tx + "," + ty);
        }
        assertEquals(expected > threshold, diff.isChanged(tx, ty), "tile " + tx + "," + ty);
        changed += expected > threshold ? 1 : 0;
      }
    }
    assertEquals(changed, diff.changedTiles());
    return changed;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void shouldFindNothingInIdenticalFrames(String name, Supplier<DiffEngine> engine) {
    try (DiffEngine e = engine.get()) {
      TileDiff diff = e.diff(frame(W, H, p -> {}), frame(W, H, p -> {}));
      assertEquals(0, diff.changedTiles());
      assertEquals(7, diff.tilesX());
      assertEquals(4, diff.tilesY());
      assertEquals(0.0, diff.magnitude());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void shouldMatchBruteForceWhenEveryPixelChanged(String name, Supplier<DiffEngine> engine) {
    try (DiffEngine e = engine.get()) {
      FrameView a = random(W, H, 1);
      FrameView b = random(W, H, 2);
      assertEquals(28, assertMatchesBruteForce(e.diff(a, b), a, b, 32, 0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void shouldCountAOneLevelChangeInOneChannelInThePartialCornerTile(
      String name, Supplier<DiffEngine> engine) {
    try (DiffEngine e = engine.get()) {
      FrameView a = frame(W, H, p -> {});
      FrameView b = frame(W, H, p -> setPixel(p, W, 199, 99, 0x00404140)); // green 0x40 -> 0x41
      TileDiff diff = e.diff(a, b);
      assertEquals(1, diff.changedTiles());
      assertEquals(1, diff.sad(6, 3));
      assertMatchesBruteForce(diff, a, b, 32, 0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void shouldIgnoreAChangeOnlyInTheFourthByte(String name, Supplier<DiffEngine> engine) {
    try (DiffEngine e = engine.get()) {
      FrameView a = frame(W, H, p -> {});
      FrameView b =
          frame(
              W,
              H,
              p -> {
                for (int i = 3; i < p.byteSize(); i += 4) {
                  p.set(ValueLayout.JAVA_BYTE, i, (byte) 0x99);
                }
              });
      assertEquals(0, e.diff(a, b).changedTiles());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void shouldMatchBruteForceOnSparseRandomEdits(String name, Supplier<DiffEngine> engine) {
    try (DiffEngine e = engine.get()) {
      Random random = new Random(42);
      FrameView a = random(W, H, 3);
      byte[] edited = a.pixels().toArray(ValueLayout.JAVA_BYTE);
      for (int i = 0; i < 300; i++) {
        edited[random.nextInt(edited.length)] = (byte) random.nextInt(256);
      }
      FrameView b =
          frame(
              W, H, p -> MemorySegment.copy(MemorySegment.ofArray(edited), 0, p, 0, edited.length));
      assertMatchesBruteForce(e.diff(a, b), a, b, 32, 0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void shouldMatchBruteForceOn5kFrames(String name, Supplier<DiffEngine> engine) {
    try (DiffEngine e = engine.get()) {
      FrameView a = random(5120, 2880, 5);
      byte[] edited = a.pixels().toArray(ValueLayout.JAVA_BYTE);
      Random random = new Random(6);
      for (int i = 0; i < 5000; i++) {
        edited[random.nextInt(edited.length)] ^= (byte) (1 + random.nextInt(255));
      }
      FrameView b =
          frame(
              5120,
              2880,
              p -> MemorySegment.copy(MemorySegment.ofArray(edited), 0, p, 0, edited.length));
      TileDiff diff = e.diff(a, b);
      assertEquals(160, diff.tilesX());
      assertEquals(90, diff.tilesY());
      assertMatchesBruteForce(diff, a, b, 32, 0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void shouldGiveTheFullResultWhenADamageHintCoversTheChanges(
      String name, Supplier<DiffEngine> engine) {
    try (DiffEngine e = engine.get()) {
      FrameView a = frame(W, H, p -> {});
      FrameView b =
          frame(
              W,
              H,
              p -> {
                setPixel(p, W, 10, 5, 0x00FFFFFF);
                setPixel(p, W, 150, 70, 0x00FFFFFF);
              });
      TileDiff full = e.diff(a, b);
      long[] fullSad = sads(full);
      TileDiff hinted = e.diff(a, b, List.of(new Rect(0, 0, 50, 10), new Rect(140, 60, 20, 20)));
      assertEquals(java.util.Arrays.toString(fullSad), java.util.Arrays.toString(sads(hinted)));
      assertEquals(2, hinted.changedTiles());
    }
  }

  private static long[] sads(TileDiff diff) {
    long[] s = new long[diff.tilesX() * diff.tilesY()];
    for (int ty = 0; ty < diff.tilesY(); ty++) {
      for (int tx = 0; tx < diff.tilesX(); tx++) {
        s[ty * diff.tilesX() + tx] = diff.sad(tx, ty);
      }
    }
    return s;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void shouldChangeEveryTileWhenTheSizeChanges(String name, Supplier<DiffEngine> engine) {
    try (DiffEngine e = engine.get()) {
      TileDiff diff = e.diff(frame(W, H, p -> {}), frame(W / 2, H, p -> {}));
      assertEquals(diff.tilesX() * diff.tilesY(), diff.changedTiles());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void shouldGiveTheSameResultsWhenTheEngineKeepsThePreviousFrame(
      String name, Supplier<DiffEngine> engine) {
    try (DiffEngine e = engine.get()) {
      FrameView a = random(W, H, 11);
      FrameView b = random(W, H, 12);
      FrameView c = random(W, H, 13);
      assertMatchesBruteForce(e.diff(a, b), a, b, 32, 0);
      assertMatchesBruteForce(e.diff(b, c), b, c, 32, 0); // b is already on the device
      assertMatchesBruteForce(e.diff(a, c), a, c, 32, 0); // a is not
    }
  }

  @Test
  void shouldCountOpenClBuffersAgainstTheirBudgetAndRefuseMoreThanIt() {
    List<OpenClDevice> devices = OpenClDevice.list();
    NativeRequirement.require(!devices.isEmpty(), NativePiece.OPENCL);
    long frameBytes = (long) W * H * 4;
    long tiles = 7 * 4;
    long expected = 3 * frameBytes + 8 * tiles; // two frames, staging, tile sums twice
    assertBuffersCounted(
        expected,
        () ->
            new OpenClTileDiffEngine(
                devices.getFirst(),
                32,
                0,
                OpenClTileDiffEngine.Kernel.WORK_GROUP,
                OpenClTileDiffEngine.Transfer.PINNED_STAGING),
        (engine, budget) -> ((OpenClTileDiffEngine) engine).accountTo(budget));
  }

  @Test
  void shouldCountVulkanBuffersAgainstTheirBudgetAndRefuseMoreThanIt() {
    long frameBytes = (long) W * H * 4;
    long expected = 4 * frameBytes + 2 * 7 * 4 * 4L; // frames and uploads; sums and read-back
    assertBuffersCounted(
        expected,
        () -> {
          try {
            return new VulkanTileDiffEngine(32, 0, false, VulkanTileDiffEngine.Memory.STAGED);
          } catch (DeviceException | LinkageError e) {
            NativeRequirement.require(false, NativePiece.VULKAN, e.getMessage());
            throw e;
          }
        },
        (engine, budget) -> ((VulkanTileDiffEngine) engine).accountTo(budget));
  }

  private static void assertBuffersCounted(
      long expectedBytes,
      Supplier<DiffEngine> engines,
      java.util.function.BiConsumer<DiffEngine, GpuBufferBudget> account) {
    java.util.concurrent.atomic.AtomicLong reserved = new java.util.concurrent.atomic.AtomicLong();
    OffHeapBudget counting =
        (component, bytes) -> {
          assertEquals(GpuBufferBudget.COMPONENT, component);
          if (bytes > expectedBytes) {
            throw new dev.ironcliw.ring.BudgetExceededException(
                component, bytes, expectedBytes, expectedBytes);
          }
          reserved.set(bytes);
          return new OffHeapBudget.Reservation() {
            @Override
            public void resize(long newBytes) {
              if (newBytes > expectedBytes) {
                throw new dev.ironcliw.ring.BudgetExceededException(
                    component, newBytes, expectedBytes - reserved.get(), expectedBytes);
              }
              reserved.set(newBytes);
            }

            @Override
            public void close() {
              reserved.set(0);
            }
          };
        };
    FrameView a = random(W, H, 21);
    FrameView b = random(W, H, 22);
    try (DiffEngine engine = engines.get()) {
      account.accept(engine, new GpuBufferBudget(counting));
      assertMatchesBruteForce(engine.diff(a, b), a, b, 32, 0);
      assertEquals(expectedBytes, reserved.get());
      FrameView larger = random(W * 2, H, 23);
      FrameView largerToo = random(W * 2, H, 24);
      DeviceException refused =
          assertThrows(DeviceException.class, () -> engine.diff(larger, largerToo));
      assertTrue(refused.getMessage().contains("memory.budgets.gpuBuffers"), refused.getMessage());
      assertEquals(expectedBytes, reserved.get(), "what was held stays held");
    }
    assertEquals(0, reserved.get());
  }

  @Test
  void shouldHandleTilesSmallerAndLargerThanAVector() {
    FrameView a = random(W, H, 7);
    FrameView b = random(W, H, 8);
    for (int tile : new int[] {8, 16, 40, 64, 256}) {
      try (DiffEngine e = new SimdTileDiffEngine(tile, 1000, 2)) {
        TileDiff diff = e.diff(a, b);
        assertTrue(diff.hasContentHashes(), "the CPU engine hashes the tiles that differ");
        assertTrue(assertMatchesBruteForce(diff, a, b, tile, 1000) > 0, "tile " + tile);
      }
    }
  }

  @Test
  void shouldMergeTouchingTilesIntoOneRegionAndKeepSeparateOnesApart() {
    FrameView a = frame(W, H, p -> {});
    FrameView b =
        frame(
            W,
            H,
            p -> {
              setPixel(p, W, 5, 5, 0x00FFFFFF);
              setPixel(p, W, 40, 5, 0x00FFFFFF); // right neighbour tile
              setPixel(p, W, 195, 98, 0x00FFFFFF); // far corner, a partial tile
            });
    try (DiffEngine e = new SimdTileDiffEngine(32, 0, 2)) {
      List<ChangedRegions.Region> regions = new ChangedRegions().extract(e.diff(a, b));
      assertEquals(2, regions.size());
      assertEquals(new ChangedRegions.Region(0, 0, 64, 32, 2, 2L * 3 * 0xBF), regions.get(0));
      assertEquals(new ChangedRegions.Region(192, 96, 8, 4, 1, 3L * 0xBF), regions.get(1));
    }
  }
}

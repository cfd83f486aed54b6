package dev.ironcliw.diff;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.TileDiff;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD features of changed regions ({@link RegionFeatures}) and a compact frame descriptor, with
 * the Vector API: each vector holds one pixel per int lane; luminance, its square, the gradient
 * test and the colour octant are computed per lane and accumulated per row, then reduced once per
 * row. Reads the frame in place. Used by one thread.
 */
public final class FeatureExtractor {
  /** A luminance step (|dx| + |dy|) above this counts the pixel as an edge. */
  public static final int EDGE_STEP = 48;

  /** Cells per side of the frame descriptor. */
  public static final int DESCRIPTOR_GRID = 8;

  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final int LANES = INTS.length();
  private static final IntVector ONE = IntVector.broadcast(INTS, 1);
  private static final ValueLayout.OfInt PIXEL =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /**
   * A region of more pixels than this is measured on some of its rows, evenly spread, so that about
   * this many are read: a whole 1080p frame on one row in 16, 0.05 ms instead of 0.7. Its features
   * are shares and means, which the rows estimate well.
   */
  public static final long MAX_MEASURED_PIXELS = 1 << 17;

  /** Pixels per colour octant of the region being measured; reused, as a frame allocates little. */
  private final long[] octants = new long[8];

  /**
   * Features of {@code region} (clipped to the frame) of {@code frame}: of every pixel up to {@link
   * #MAX_MEASURED_PIXELS}, else of one row in every {@code n} (at a phase that moves from one band
   * of n rows to the next, so a pattern n rows high is not sampled at one phase only).
   */
  public RegionFeatures measure(FrameView frame, Rect region) {
    return measure(frame, region.x(), region.y(), region.width(), region.height());
  }

  /**
   * {@link #measure(FrameView, Rect)} of the {@code width} x {@code height} pixels at ({@code
   * left}, {@code top}).
   */
  public RegionFeatures measure(FrameView frame, int left, int top, int width, int height) {
    int x0 = Math.max(0, left);
    int y0 = Math.max(0, top);
    int x1 = Math.min(frame.width(), left + width);
    int y1 = Math.min(frame.height(), top + height);
    if (x0 >= x1 || y0 >= y1) {
      return new RegionFeatures(0, 0, 0, 0);
    }
    MemorySegment pixels = frame.pixels();
    long stride = frame.strideBytes();
    long sum = 0;
    long sumSquares = 0;
    long edges = 0;
    long[] octants = this.octants;
    java.util.Arrays.fill(octants, 0);
    // Whole vectors whose right neighbours lie in the row too; the columns past them, scalar.
    // No masked loads: a partial mask at a row's end made the JIT give up on the loop, boxing
    // every vector (15 bytes allocated per pixel of a frame-wide region).
    int vectorEnd = x0 + Math.max(0, Math.min(x1, frame.width() - 1) - x0) / LANES * LANES;
    int rowStep =
        (int) Math.max(1, Math.ceilDiv((long) (x1 - x0) * (y1 - y0), MAX_MEASURED_PIXELS));
    long rowsMeasured = 0;
    for (int band = y0; band < y1; band += rowStep) {
      int y = Math.min(y1 - 1, band + (int) ((long) (band - y0) / rowStep * 5 % rowStep));
      rowsMeasured++;
      long row = y * stride;
      long below = (y + 1 < frame.height() ? y + 1 : y) * stride;
      IntVector rowSum = IntVector.zero(INTS);
      IntVector rowSquares = IntVector.zero(INTS);
      IntVector rowEdges = IntVector.zero(INTS);
      // Eight named accumulators, not an array: vectors in an array are boxed.
      IntVector o0 = IntVector.zero(INTS);
      IntVector o1 = o0;
      IntVector o2 = o0;
      IntVector o3 = o0;
      IntVector o4 = o0;
      IntVector o5 = o0;
      IntVector o6 = o0;
      IntVector o7 = o0;
      for (int x = x0; x < vectorEnd; x += LANES) {
        IntVector p = load(pixels, row, x);
        IntVector luma = luma(p);
        IntVector right = luma(load(pixels, row, x + 1));
        IntVector down = luma(load(pixels, below, x));
        IntVector step = right.sub(luma).abs().add(down.sub(luma).abs());
        rowSum = rowSum.add(luma);
        rowSquares = rowSquares.add(luma.mul(luma));
        rowEdges = rowEdges.add(ONE, step.compare(VectorOperators.GT, EDGE_STEP));
        IntVector octant =
            p.lanewise(VectorOperators.LSHR, 21)
                .and(4)
                .or(p.lanewise(VectorOperators.LSHR, 14).and(2))
                .or(p.lanewise(VectorOperators.LSHR, 7).and(1));
        o0 = o0.add(ONE, octant.compare(VectorOperators.EQ, 0));
        o1 = o1.add(ONE, octant.compare(VectorOperators.EQ, 1));
        o2 = o2.add(ONE, octant.compare(VectorOperators.EQ, 2));
        o3 = o3.add(ONE, octant.compare(VectorOperators.EQ, 3));
        o4 = o4.add(ONE, octant.compare(VectorOperators.EQ, 4));
        o5 = o5.add(ONE, octant.compare(VectorOperators.EQ, 5));
        o6 = o6.add(ONE, octant.compare(VectorOperators.EQ, 6));
        o7 = o7.add(ONE, octant.compare(VectorOperators.EQ, 7));
      }
      sum += rowSum.reduceLanesToLong(VectorOperators.ADD);
      sumSquares += rowSquares.reduceLanesToLong(VectorOperators.ADD);
      edges += rowEdges.reduceLanesToLong(VectorOperators.ADD);
      octants[0] += o0.reduceLanesToLong(VectorOperators.ADD);
      octants[1] += o1.reduceLanesToLong(VectorOperators.ADD);
      octants[2] += o2.reduceLanesToLong(VectorOperators.ADD);
      octants[3] += o3.reduceLanesToLong(VectorOperators.ADD);
      octants[4] += o4.reduceLanesToLong(VectorOperators.ADD);
      octants[5] += o5.reduceLanesToLong(VectorOperators.ADD);
      octants[6] += o6.reduceLanesToLong(VectorOperators.ADD);
      octants[7] += o7.reduceLanesToLong(VectorOperators.ADD);
      for (int x = vectorEnd; x < x1; x++) {
        int p = pixel(pixels, row, x);
        int luma = luma(p);
        int right = x + 1 < frame.width() ? luma(pixel(pixels, row, x + 1)) : luma;
        int down = luma(pixel(pixels, below, x));
        sum += luma;
        sumSquares += luma * luma;
        if (Math.abs(right - luma) + Math.abs(down - luma) > EDGE_STEP) {
          edges++;
        }
        octants[(p >>> 21 & 4) | (p >>> 14 & 2) | (p >>> 7 & 1)]++;
      }
    }
    long count = (long) (x1 - x0) * rowsMeasured;
    double mean = (double) sum / count;
    double variance = Math.max(0, (double) sumSquares / count - mean * mean);
    return new RegionFeatures(
        mean, Math.sqrt(variance), (double) edges / count, RegionFeatures.pack(octants, count));
  }

  /**
   * The frame's mean luminance on an 8x8 grid, one byte per cell, row by row: 64 bytes that tell
   * screens apart at a glance. Every fourth pixel row is read.
   */
  public byte[] descriptor(FrameView frame) {
    return descriptor(frame, null, null);
  }

  /**
   * {@link #descriptor(FrameView)}, reading only the cells where {@code diff} saw a pixel differ:
   * the others show what they showed in the frame the diff compared against, so they keep their
   * value from {@code previous}, that frame's descriptor. Either may be null: every cell is read.
   */
  public byte[] descriptor(FrameView frame, TileDiff diff, byte[] previous) {
    int grid = DESCRIPTOR_GRID;
    boolean incremental =
        diff != null
            && previous != null
            && previous.length == grid * grid
            && diff.frameWidth() == frame.width()
            && diff.frameHeight() == frame.height();
    byte[] descriptor = new byte[grid * grid];
    for (int cellY = 0; cellY < grid; cellY++) {
      // The rows y with y * grid / height == cellY, as one pass over every fourth row assigns them.
      int y0 = (cellY * frame.height() + grid - 1) / grid;
      int y1 = ((cellY + 1) * frame.height() + grid - 1) / grid;
      for (int cellX = 0; cellX < grid; cellX++) {
        int x0 = cellX * frame.width() / grid;
        int x1 = (cellX + 1) * frame.width() / grid;
        int cell = cellY * grid + cellX;
        descriptor[cell] =
            incremental && !anyPixelDiffers(diff, x0, y0, x1, y1)
                ? previous[cell]
                : meanLuma(frame, x0, y0, x1, y1);
      }
    }
    return descriptor;
  }

  private static boolean anyPixelDiffers(TileDiff diff, int x0, int y0, int x1, int y1) {
    if (x0 >= x1 || y0 >= y1) {
      return false;
    }
    int size = diff.tileSize();
    for (int ty = y0 / size; ty <= (y1 - 1) / size; ty++) {
      for (int tx = x0 / size; tx <= (x1 - 1) / size; tx++) {
        if (diff.sad(tx, ty) != 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Mean luminance of the cell's pixels on rows that are multiples of 4. */
  private static byte meanLuma(FrameView frame, int x0, int y0, int x1, int y1) {
    MemorySegment pixels = frame.pixels();
    long sum = 0;
    long rows = 0;
    for (int y = (y0 + 3) & ~3; y < y1; y += 4) {
      long row = (long) y * frame.strideBytes();
      IntVector rowSum = IntVector.zero(INTS);
      int x = x0;
      for (; x + LANES <= x1; x += LANES) {
        rowSum = rowSum.add(luma(load(pixels, row, x)));
      }
      if (x < x1) {
        VectorMask<Integer> in = INTS.indexInRange(x, x1);
        rowSum = rowSum.add(luma(load(pixels, row, x, in)), in);
      }
      sum += rowSum.reduceLanesToLong(VectorOperators.ADD);
      rows++;
    }
    long count = rows * (x1 - x0);
    return (byte) (count == 0 ? 0 : sum / count);
  }

  private static IntVector load(MemorySegment pixels, long row, int x) {
    return IntVector.fromMemorySegment(INTS, pixels, row + x * 4L, ByteOrder.LITTLE_ENDIAN);
  }

  private static IntVector load(MemorySegment pixels, long row, int x, VectorMask<Integer> in) {
    return IntVector.fromMemorySegment(INTS, pixels, row + x * 4L, ByteOrder.LITTLE_ENDIAN, in);
  }

  private static int pixel(MemorySegment pixels, long row, int x) {
    return pixels.get(PIXEL, row + x * 4L);
  }

  /** {@link #luma(IntVector)} of one pixel. */
  private static int luma(int p) {
    return (77 * (p >>> 16 & 0xFF) + 150 * (p >>> 8 & 0xFF) + 29 * (p & 0xFF) + 128) >>> 8;
  }

  /** Y = (77 R + 150 G + 29 B + 128) / 256 per lane, from B,G,R,X pixels. */
  private static IntVector luma(IntVector p) {
    IntVector b = p.and(0xFF);
    IntVector g = p.lanewise(VectorOperators.LSHR, 8).and(0xFF);
    IntVector r = p.lanewise(VectorOperators.LSHR, 16).and(0xFF);
    return r.mul(77).add(g.mul(150)).add(b.mul(29)).add(128).lanewise(VectorOperators.LSHR, 8);
  }
}

package dev.ironcliw.ring;

/**
 * How the ring file is cut: {@code slotCount} slots of {@code slotBytes}, each able to hold a frame
 * of up to {@code maxFrameBytes} of pixels.
 *
 * @param slotCount number of slots, at least 2
 * @param slotBytes bytes per slot, header included, a multiple of the page size
 * @param maxFrameBytes largest pixel payload a slot holds
 */
public record RingGeometry(int slotCount, long slotBytes, long maxFrameBytes) {
  private static final long PAGE_BYTES = 4096;

  public RingGeometry {
    if (slotCount < 2) {
      throw new IllegalArgumentException("a ring needs at least 2 slots, got " + slotCount);
    }
    if (maxFrameBytes <= 0 || maxFrameBytes > Integer.MAX_VALUE - SlotDescriptor.HEADER_BYTES) {
      throw new IllegalArgumentException(
          "maxFrameBytes must be in 1.." + (Integer.MAX_VALUE - SlotDescriptor.HEADER_BYTES));
    }
    if (slotBytes < SlotDescriptor.HEADER_BYTES + maxFrameBytes || slotBytes % PAGE_BYTES != 0) {
      throw new IllegalArgumentException(
          "slotBytes " + slotBytes + " must be page-aligned and hold header and frame");
    }
  }

  /**
   * The most slots of frames up to {@code maxWidth} x {@code maxHeight} BGRX pixels that fit in
   * {@code budgetBytes}.
   *
   * @throws IllegalArgumentException when fewer than 2 slots fit, naming the numbers
   */
  public static RingGeometry forBudget(long budgetBytes, int maxWidth, int maxHeight) {
    long frameBytes = (long) maxWidth * maxHeight * SlotDescriptor.BYTES_PER_PIXEL;
    long slotBytes = slotBytesFor(frameBytes);
    long slots = RingFileDescriptor.slotsIn(budgetBytes, slotBytes);
    if (slots < 2) {
      throw new IllegalArgumentException(
          "memory.budgets.frameRing of "
              + budgetBytes
              + " bytes holds "
              + Math.max(0, slots)
              + " frames of "
              + maxWidth
              + "x"
              + maxHeight
              + "; at least 2 are needed ("
              + RingFileDescriptor.fileBytes(2, slotBytes)
              + " bytes)");
    }
    return new RingGeometry((int) Math.min(slots, Integer.MAX_VALUE), slotBytes, frameBytes);
  }

  /** This geometry cut to at most {@code slots} slots, never fewer than 2. */
  public RingGeometry withAtMostSlots(long slots) {
    return new RingGeometry(
        (int) Math.max(2, Math.min(slotCount, slots)), slotBytes, maxFrameBytes);
  }

  /** The smallest budget that holds the two frames of {@code maxWidth} x {@code maxHeight}. */
  public static long leastBudget(int maxWidth, int maxHeight) {
    long frameBytes = (long) maxWidth * maxHeight * SlotDescriptor.BYTES_PER_PIXEL;
    return RingFileDescriptor.fileBytes(2, slotBytesFor(frameBytes));
  }

  private static long slotBytesFor(long frameBytes) {
    return alignToPage(SlotDescriptor.HEADER_BYTES + frameBytes);
  }

  static long alignToPage(long bytes) {
    return (bytes + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES;
  }
}

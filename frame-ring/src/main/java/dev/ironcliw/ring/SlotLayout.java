package dev.ironcliw.ring;

import java.util.Arrays;

/**
 * Which slot holds which ring position. Immutable: the writer publishes a new layout when the
 * active part of the ring is resized, and readers use whichever layout they saw, since a slot's
 * header names the position it holds and a wrong guess reads as {@link ReadStatus#MISSING}.
 *
 * <p>Positions from {@link Segment#fromPosition()} on go round the segment's {@code slots} first
 * slots, starting at {@code firstSlot}; the newest segment is first. Frames kept from before a
 * restart sit where they were written, listed in {@code recoveredPositions}.
 */
final class SlotLayout {
  /**
   * Positions from {@code fromPosition} on, written round slots {@code 0..slots-1}.
   *
   * @param fromPosition first position of the segment
   * @param firstSlot the slot of {@code fromPosition}
   * @param slots how many slots the segment uses
   */
  record Segment(long fromPosition, int firstSlot, int slots) {
    int slotOf(long position) {
      return (int) ((firstSlot + (position - fromPosition)) % slots);
    }
  }

  // An array, not a List: slotOf runs for every read and must not allocate an iterator.
  private final Segment[] newestFirst;
  private final long[] recoveredPositions;
  private final int[] recoveredSlots;

  private SlotLayout(Segment[] newestFirst, long[] recoveredPositions, int[] recoveredSlots) {
    this.newestFirst = newestFirst;
    this.recoveredPositions = recoveredPositions;
    this.recoveredSlots = recoveredSlots;
  }

  /** A fresh or reopened ring: positions from {@code next} go round all {@code slots}. */
  static SlotLayout start(
      long next, int slots, long[] recoveredPositions, int[] recoveredSlotsByPosition) {
    int firstSlot = (int) (next % slots);
    return new SlotLayout(
        new Segment[] {new Segment(next, firstSlot, slots)},
        recoveredPositions,
        recoveredSlotsByPosition);
  }

  /** The slot of {@code position}, or -1 when no slot can hold it any more. */
  int slotOf(long position) {
    for (Segment segment : newestFirst) {
      if (position >= segment.fromPosition()) {
        return segment.slotOf(position);
      }
    }
    int found = Arrays.binarySearch(recoveredPositions, position);
    return found >= 0 ? recoveredSlots[found] : -1;
  }

  Segment newest() {
    return newestFirst[0];
  }

  int activeSlots() {
    return newest().slots();
  }

  /**
   * This layout with positions from {@code next} going round the first {@code slots} slots,
   * continuing after the slot of the last written position so the newest frames are overwritten
   * last.
   */
  SlotLayout resized(long next, int slots) {
    int afterLast = next == 0 ? 0 : slotOf(next - 1) + 1;
    int firstSlot = afterLast > 0 && afterLast < slots ? afterLast : 0;
    Segment[] segments = new Segment[newestFirst.length + 1];
    segments[0] = new Segment(next, firstSlot, slots);
    System.arraycopy(newestFirst, 0, segments, 1, newestFirst.length);
    return new SlotLayout(segments, recoveredPositions, recoveredSlots);
  }

  /**
   * True when the newest segment has written every slot it uses, so older segments and recovered
   * frames can only point at slots that were overwritten or released.
   */
  boolean hasOlderThanNewestLap(long next) {
    return (newestFirst.length > 1 || recoveredPositions.length > 0)
        && next - newest().fromPosition() >= newest().slots();
  }

  /** Only the newest segment. */
  SlotLayout newestOnly() {
    return new SlotLayout(new Segment[] {newest()}, new long[0], new int[0]);
  }
}

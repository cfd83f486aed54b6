package dev.ironcliw.ring;

/**
 * What opening an existing ring file found.
 *
 * @param reopened true when an existing file was reopened, false when created
 * @param validSlots slots whose header and checksum checked out; readable again
 * @param discardedSlots slots that were mid-write or failed their checksum
 * @param nextPosition where the writer continues
 * @param highestFrameSeq the largest frame sequence found, -1 when none
 */
public record RecoveryReport(
    boolean reopened,
    int validSlots,
    int discardedSlots,
    long nextPosition,
    long highestFrameSeq) {}

package dev.ironcliw.ring;

/**
 * Layout of the ring file: one page of file header, then the slots back to back.
 *
 * <pre>
 *   0                   8         12        16        20       24
 *   +-------------------+---------+---------+---------+--------+
 *   | magic "IRCLRING"  | version | slotHdr | slots   | (pad)  |
 *   +-------------------+---------+---------+---------+--------+
 *   24                  32                  40                  48
 *   +-------------------+-------------------+-------------------+
 *   | slotBytes         | maxFrameBytes     | checksum of 0..40 |
 *   +-------------------+-------------------+-------------------+
 *   ... zero up to FILE_HEADER_BYTES, then slot 0, slot 1, ... each slotBytes long.
 * </pre>
 *
 * All numbers little-endian. Slots start page-aligned so pixel rows are aligned for SIMD reads.
 */
public final class RingFileDescriptor {
  public static final long MAGIC = 0x474E49524C435249L; // "IRCLRING" read little-endian
  public static final int LAYOUT_VERSION = 3; // 2: a vector FrameHash; 3: hashed in chunks

  public static final int MAGIC_OFFSET = 0;
  public static final int VERSION_OFFSET = 8;
  public static final int SLOT_HEADER_BYTES_OFFSET = 12;
  public static final int SLOT_COUNT_OFFSET = 16;
  public static final int SLOT_BYTES_OFFSET = 24;
  public static final int MAX_FRAME_BYTES_OFFSET = 32;
  public static final int CHECKSUM_OFFSET = 40;
  public static final int CHECKSUMMED_BYTES = CHECKSUM_OFFSET;

  public static final int FILE_HEADER_BYTES = 4096;

  private RingFileDescriptor() {}

  /** Byte offset of slot {@code index} in the file. */
  public static long slotOffset(int index, long slotBytes) {
    return FILE_HEADER_BYTES + index * slotBytes;
  }

  /** Total file length for a geometry. */
  public static long fileBytes(RingGeometry geometry) {
    return fileBytes(geometry.slotCount(), geometry.slotBytes());
  }

  /** Bytes of the file header plus {@code slots} slots of {@code slotBytes}. */
  public static long fileBytes(long slots, long slotBytes) {
    return FILE_HEADER_BYTES + slots * slotBytes;
  }

  /** How many slots of {@code slotBytes} fit in {@code budgetBytes} after the file header. */
  public static long slotsIn(long budgetBytes, long slotBytes) {
    return (budgetBytes - FILE_HEADER_BYTES) / slotBytes;
  }
}

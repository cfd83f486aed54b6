package dev.ironcliw.ring;

/**
 * Layout of one ring slot: a 128-byte header, then the pixels.
 *
 * <pre>
 *   0                   8                   16                  24
 *   +-------------------+-------------------+-------------------+
 *   | lock (seqlock)    | position          | frameSeq          |
 *   +-------------------+---------+---------+---------+---------+
 *   24                  32        36        40        44
 *   | capturedAtNanos   | width   | height  | stride  | format  |
 *   +-------------------+---------+---------+---------+---------+
 *   48        52        56                  64                  72
 *   | display | (resv)  | fingerprint       | headerChecksum    |
 *   +---------+---------+-------------------+-------------------+
 *   72 .. 128 reserved, zero
 *   128: pixels, height rows of stride bytes, B,G,R,X per pixel
 * </pre>
 *
 * <p>{@code lock} is even when the slot is stable and odd while the writer is in it; every write
 * adds 2, so a reader that sees the same even value before and after reading saw one whole frame.
 * {@code position} is the ring position the slot holds, {@link #EMPTY_POSITION} when it holds none.
 * {@code fingerprint} is {@link FrameHash} of the pixel bytes; {@code headerChecksum} is {@link
 * FrameHash} of bytes 8 to 64, so crash recovery can trust a slot only when both match. {@code
 * capturedAtNanos} is nanoseconds since the Unix epoch.
 */
public final class SlotDescriptor {
  public static final int LOCK_OFFSET = 0;
  public static final int POSITION_OFFSET = 8;
  public static final int FRAME_SEQ_OFFSET = 16;
  public static final int CAPTURED_AT_NANOS_OFFSET = 24;
  public static final int WIDTH_OFFSET = 32;
  public static final int HEIGHT_OFFSET = 36;
  public static final int STRIDE_OFFSET = 40;
  public static final int FORMAT_OFFSET = 44;
  public static final int DISPLAY_OFFSET = 48;
  public static final int FINGERPRINT_OFFSET = 56;
  public static final int HEADER_CHECKSUM_OFFSET = 64;
  public static final int CHECKSUMMED_FROM = POSITION_OFFSET;
  public static final int CHECKSUMMED_BYTES = HEADER_CHECKSUM_OFFSET - POSITION_OFFSET;

  public static final int HEADER_BYTES = 128;
  public static final int PIXELS_OFFSET = HEADER_BYTES;

  public static final long EMPTY_POSITION = -1L;

  /** B,G,R and one unused byte per pixel, as X11 and ScreenCaptureKit deliver it. */
  public static final int FORMAT_BGRX = 1;

  public static final int BYTES_PER_PIXEL = 4;

  private SlotDescriptor() {}
}

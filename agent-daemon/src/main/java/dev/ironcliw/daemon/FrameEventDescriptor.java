package dev.ironcliw.daemon;

/**
 * Layout of a frame event, the message the capture agent sends the pipeline agent through an Agrona
 * {@code OneToOneRingBuffer} for every frame it produced:
 *
 * <pre>
 *   0                8                16               24               32
 *   +----------------+----------------+----------------+----------------+
 *   | frameSeq       | capturedAtNanos| ringPosition   | fingerprint    |
 *   +--------+-------+--------+-------+----------------+----------------+
 *   32       36      40       44      48
 *   | flags  | width | height | lblLen| label (UTF-8, lblLen bytes) ...
 *   +--------+-------+--------+-------+--------------------------------
 * </pre>
 *
 * flags bit 0: the frame is byte-identical to the previous one (its slot was given back and
 * ringPosition is the previous frame's).
 */
final class FrameEventDescriptor {
  static final int MESSAGE_TYPE = 1;
  static final int FRAME_SEQ_OFFSET = 0;
  static final int CAPTURED_AT_NANOS_OFFSET = 8;
  static final int RING_POSITION_OFFSET = 16;
  static final int FINGERPRINT_OFFSET = 24;
  static final int FLAGS_OFFSET = 32;
  static final int WIDTH_OFFSET = 36;
  static final int HEIGHT_OFFSET = 40;
  static final int LABEL_LENGTH_OFFSET = 44;
  static final int LABEL_OFFSET = 48;
  static final int MAX_LABEL_BYTES = 512;
  static final int MAX_MESSAGE_BYTES = LABEL_OFFSET + MAX_LABEL_BYTES;

  static final int FLAG_SAME_AS_PREVIOUS = 1;

  private FrameEventDescriptor() {}
}

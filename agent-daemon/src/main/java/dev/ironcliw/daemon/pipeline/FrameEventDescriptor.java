package dev.ironcliw.daemon.pipeline;

/**
 * Layout of the messages the capture agent sends the pipeline agent through an Agrona {@code
 * OneToOneRingBuffer}. A frame event, one per frame of every display:
 *
 * <pre>
 *   0                8                16               24               32
 *   +----------------+----------------+----------------+----------------+
 *   | frameSeq       | capturedAtNanos| ringPosition   | fingerprint    |
 *   +--------+-------+--------+-------+--------+-------+--------+-------+
 *   32       36      40       44      48       52      56       60
 *   | flags  | width | height | display| masked| damageN| lblLen | (pad) |
 *   +--------+-------+--------+-------+--------+-------+--------+-------+
 *   64: damageN rectangles of 4 ints (x, y, width, height), then lblLen bytes of UTF-8 label
 * </pre>
 *
 * flags bit 0: the frame is identical to the previous one of its display (its slot was given back,
 * or the damage hint said nothing changed, and ringPosition is the previous frame's). damageN is -1
 * when the source gave no damage hint.
 *
 * <p>A capture-state event (capture paused or resumed on a display):
 *
 * <pre>
 *   0 timeNanos (long)   8 display (int)   12 paused (int, 0/1)   16 lblLen (int)   20 reason
 * </pre>
 *
 * <p>A context event (the focused window changed; sent before the first frame it applies to):
 *
 * <pre>
 *   0 timeNanos (long)   8 fromSeq (long)   16 display (int)   20 excluded (int, 0/1)
 *  24 appLen (int)   28 titleLen (int)   32 appLen bytes of UTF-8 app, then titleLen of title
 * </pre>
 */
final class FrameEventDescriptor {
  static final int FRAME_MESSAGE = 1;
  static final int CAPTURE_STATE_MESSAGE = 2;
  static final int CONTEXT_MESSAGE = 3;

  static final int FRAME_SEQ_OFFSET = 0;
  static final int CAPTURED_AT_NANOS_OFFSET = 8;
  static final int RING_POSITION_OFFSET = 16;
  static final int FINGERPRINT_OFFSET = 24;
  static final int FLAGS_OFFSET = 32;
  static final int WIDTH_OFFSET = 36;
  static final int HEIGHT_OFFSET = 40;
  static final int DISPLAY_OFFSET = 44;
  static final int MASKED_OFFSET = 48;
  static final int DAMAGE_COUNT_OFFSET = 52;
  static final int LABEL_LENGTH_OFFSET = 56;
  static final int DAMAGE_OFFSET = 64;
  static final int DAMAGE_RECT_BYTES = 16;
  static final int MAX_DAMAGE_RECTS = 32;
  static final int MAX_LABEL_BYTES = 512;
  static final int MAX_MESSAGE_BYTES =
      DAMAGE_OFFSET + MAX_DAMAGE_RECTS * DAMAGE_RECT_BYTES + MAX_LABEL_BYTES;

  static final int FLAG_SAME_AS_PREVIOUS = 1;

  static final int STATE_TIME_NANOS_OFFSET = 0;
  static final int STATE_DISPLAY_OFFSET = 8;
  static final int STATE_PAUSED_OFFSET = 12;
  static final int STATE_LABEL_LENGTH_OFFSET = 16;
  static final int STATE_LABEL_OFFSET = 20;

  static final int CONTEXT_TIME_NANOS_OFFSET = 0;
  static final int CONTEXT_FROM_SEQ_OFFSET = 8;
  static final int CONTEXT_DISPLAY_OFFSET = 16;
  static final int CONTEXT_EXCLUDED_OFFSET = 20;
  static final int CONTEXT_APP_LENGTH_OFFSET = 24;
  static final int CONTEXT_TITLE_LENGTH_OFFSET = 28;
  static final int CONTEXT_TEXT_OFFSET = 32;
  static final int MAX_APP_BYTES = 256;

  /** Longer titles are cut (the journal keeps this much of a title). */
  static final int MAX_TITLE_BYTES = 1024;

  private FrameEventDescriptor() {}
}

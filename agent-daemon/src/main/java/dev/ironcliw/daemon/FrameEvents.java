package dev.ironcliw.daemon;

import static dev.ironcliw.daemon.FrameEventDescriptor.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The capture-to-pipeline queue of frame events ({@link FrameEventDescriptor}): one producer
 * thread, one consumer thread, no locks.
 */
final class FrameEvents {
  /** What the pipeline does with each event. */
  interface Handler {
    void onFrame(
        long frameSeq,
        long capturedAtNanos,
        long ringPosition,
        long fingerprint,
        boolean sameAsPrevious,
        int width,
        int height,
        String label);
  }

  private final OneToOneRingBuffer ring;
  private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MAX_MESSAGE_BYTES]);

  FrameEvents(int capacityBytes) {
    ring =
        new OneToOneRingBuffer(
            new UnsafeBuffer(
                ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
  }

  /** Room for one more event of the largest size. */
  boolean hasRoom() {
    return ring.capacity() - ring.size() > MAX_MESSAGE_BYTES * 2;
  }

  boolean publish(
      long frameSeq,
      long capturedAtNanos,
      long ringPosition,
      long fingerprint,
      boolean sameAsPrevious,
      int width,
      int height,
      byte[] label) {
    int labelBytes = Math.min(label.length, MAX_LABEL_BYTES);
    scratch.putLong(FRAME_SEQ_OFFSET, frameSeq);
    scratch.putLong(CAPTURED_AT_NANOS_OFFSET, capturedAtNanos);
    scratch.putLong(RING_POSITION_OFFSET, ringPosition);
    scratch.putLong(FINGERPRINT_OFFSET, fingerprint);
    scratch.putInt(FLAGS_OFFSET, sameAsPrevious ? FLAG_SAME_AS_PREVIOUS : 0);
    scratch.putInt(WIDTH_OFFSET, width);
    scratch.putInt(HEIGHT_OFFSET, height);
    scratch.putInt(LABEL_LENGTH_OFFSET, labelBytes);
    scratch.putBytes(LABEL_OFFSET, label, 0, labelBytes);
    return ring.write(MESSAGE_TYPE, scratch, 0, LABEL_OFFSET + labelBytes);
  }

  int drain(Handler handler, int limit) {
    return ring.read(
        (type, buffer, index, length) ->
            handler.onFrame(
                buffer.getLong(index + FRAME_SEQ_OFFSET),
                buffer.getLong(index + CAPTURED_AT_NANOS_OFFSET),
                buffer.getLong(index + RING_POSITION_OFFSET),
                buffer.getLong(index + FINGERPRINT_OFFSET),
                (buffer.getInt(index + FLAGS_OFFSET) & FLAG_SAME_AS_PREVIOUS) != 0,
                buffer.getInt(index + WIDTH_OFFSET),
                buffer.getInt(index + HEIGHT_OFFSET),
                buffer.getStringWithoutLengthUtf8(
                    index + LABEL_OFFSET, buffer.getInt(index + LABEL_LENGTH_OFFSET))),
        limit);
  }

  int pending() {
    return ring.size();
  }

  static byte[] labelBytes(String label) {
    return label.getBytes(StandardCharsets.UTF_8);
  }
}

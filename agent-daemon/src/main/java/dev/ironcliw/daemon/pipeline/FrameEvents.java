package dev.ironcliw.daemon.pipeline;

import static dev.ironcliw.daemon.pipeline.FrameEventDescriptor.*;

import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.ring.Rect;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The capture-to-pipeline queue ({@link FrameEventDescriptor}): one producer thread, one consumer
 * thread, no locks.
 */
public final class FrameEvents {
  /** What the pipeline does with each message. */
  interface Handler {
    void onFrame(FrameEvent frame);

    void onCaptureState(long timeNanos, int display, boolean paused, String reason);

    void onContext(ContextEventRecord context);
  }

  private final OneToOneRingBuffer ring;
  private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MAX_MESSAGE_BYTES]);
  private Runnable wakeConsumer = () -> {};
  private Runnable wakeProducer = () -> {};

  /** Labels are kept for this many displays, so a live display's name is decoded once. */
  private static final int LABEL_CACHE_DISPLAYS = 16;

  // The consumer thread's, filled again for each message it reads.
  private final FrameEvent event = new FrameEvent();
  private final byte[][] labelBytes = new byte[LABEL_CACHE_DISPLAYS][];
  private final String[] labels = new String[LABEL_CACHE_DISPLAYS];
  private Handler drainedBy;
  private MessageHandler reader;

  public FrameEvents(int capacityBytes) {
    ring =
        new OneToOneRingBuffer(
            new UnsafeBuffer(
                ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
  }

  /**
   * Who to wake when a message is published ({@code consumer}) and when messages were taken ({@code
   * producer}, which may be waiting for room or for ring slots). Set before either thread starts.
   */
  public void wakeOnTraffic(Runnable consumer, Runnable producer) {
    this.wakeConsumer = consumer;
    this.wakeProducer = producer;
  }

  /** Room for one more message of the largest size. */
  boolean hasRoom() {
    return ring.capacity() - ring.size() > MAX_MESSAGE_BYTES * 2;
  }

  boolean publishFrame(
      long frameSeq,
      long capturedAtNanos,
      long ringPosition,
      long fingerprint,
      boolean sameAsPrevious,
      int width,
      int height,
      int display,
      int maskedRegions,
      List<Rect> damage,
      byte[] label) {
    scratch.putLong(FRAME_SEQ_OFFSET, frameSeq);
    scratch.putLong(CAPTURED_AT_NANOS_OFFSET, capturedAtNanos);
    scratch.putLong(RING_POSITION_OFFSET, ringPosition);
    scratch.putLong(FINGERPRINT_OFFSET, fingerprint);
    scratch.putInt(FLAGS_OFFSET, sameAsPrevious ? FLAG_SAME_AS_PREVIOUS : 0);
    scratch.putInt(WIDTH_OFFSET, width);
    scratch.putInt(HEIGHT_OFFSET, height);
    scratch.putInt(DISPLAY_OFFSET, display);
    scratch.putInt(MASKED_OFFSET, maskedRegions);
    int rects = damage == null ? -1 : Math.min(damage.size(), MAX_DAMAGE_RECTS);
    if (damage != null && damage.size() > MAX_DAMAGE_RECTS) {
      damage = List.of(boundingBox(damage));
      rects = 1;
    }
    scratch.putInt(DAMAGE_COUNT_OFFSET, rects);
    for (int i = 0; i < rects; i++) {
      Rect r = damage.get(i);
      int at = DAMAGE_OFFSET + i * DAMAGE_RECT_BYTES;
      scratch.putInt(at, r.x());
      scratch.putInt(at + 4, r.y());
      scratch.putInt(at + 8, r.width());
      scratch.putInt(at + 12, r.height());
    }
    int labelAt = DAMAGE_OFFSET + Math.max(0, rects) * DAMAGE_RECT_BYTES;
    int labelBytes = Math.min(label.length, MAX_LABEL_BYTES);
    scratch.putInt(LABEL_LENGTH_OFFSET, labelBytes);
    scratch.putBytes(labelAt, label, 0, labelBytes);
    return published(ring.write(FRAME_MESSAGE, scratch, 0, labelAt + labelBytes));
  }

  private boolean published(boolean written) {
    if (written) {
      wakeConsumer.run();
    }
    return written;
  }

  boolean publishCaptureState(long timeNanos, int display, boolean paused, byte[] reason) {
    int reasonBytes = Math.min(reason.length, MAX_LABEL_BYTES);
    scratch.putLong(STATE_TIME_NANOS_OFFSET, timeNanos);
    scratch.putInt(STATE_DISPLAY_OFFSET, display);
    scratch.putInt(STATE_PAUSED_OFFSET, paused ? 1 : 0);
    scratch.putInt(STATE_LABEL_LENGTH_OFFSET, reasonBytes);
    scratch.putBytes(STATE_LABEL_OFFSET, reason, 0, reasonBytes);
    return published(
        ring.write(CAPTURE_STATE_MESSAGE, scratch, 0, STATE_LABEL_OFFSET + reasonBytes));
  }

  /** The focused window changed; {@code fromSeq} is the seq of the next frame. */
  boolean publishContext(long timeNanos, long fromSeq, FocusedWindow focus) {
    byte[] app = utf8Prefix(focus.app(), MAX_APP_BYTES);
    byte[] title = utf8Prefix(focus.title(), MAX_TITLE_BYTES);
    scratch.putLong(CONTEXT_TIME_NANOS_OFFSET, timeNanos);
    scratch.putLong(CONTEXT_FROM_SEQ_OFFSET, fromSeq);
    scratch.putInt(CONTEXT_DISPLAY_OFFSET, focus.display());
    scratch.putInt(CONTEXT_EXCLUDED_OFFSET, focus.excluded() ? 1 : 0);
    scratch.putInt(CONTEXT_APP_LENGTH_OFFSET, app.length);
    scratch.putInt(CONTEXT_TITLE_LENGTH_OFFSET, title.length);
    scratch.putBytes(CONTEXT_TEXT_OFFSET, app);
    scratch.putBytes(CONTEXT_TEXT_OFFSET + app.length, title);
    return published(
        ring.write(CONTEXT_MESSAGE, scratch, 0, CONTEXT_TEXT_OFFSET + app.length + title.length));
  }

  /** At most {@code max} bytes of {@code text}'s UTF-8, cut before a character, not inside one. */
  static byte[] utf8Prefix(String text, int max) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= max) {
      return bytes;
    }
    int end = max;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--; // a continuation byte: the character began before it
    }
    return java.util.Arrays.copyOf(bytes, end);
  }

  int drain(Handler handler, int limit) {
    if (handler != drainedBy) { // one reader for a handler: a drain allocates nothing
      drainedBy = handler;
      reader = messageReader(handler);
    }
    int read = ring.read(reader, limit);
    if (read > 0) {
      wakeProducer.run();
    }
    return read;
  }

  private MessageHandler messageReader(Handler handler) {
    return (type, buffer, index, length) -> {
      if (type == FRAME_MESSAGE) {
        handler.onFrame(readFrame(buffer, index));
      } else if (type == CAPTURE_STATE_MESSAGE) {
        handler.onCaptureState(
            buffer.getLong(index + STATE_TIME_NANOS_OFFSET),
            buffer.getInt(index + STATE_DISPLAY_OFFSET),
            buffer.getInt(index + STATE_PAUSED_OFFSET) != 0,
            buffer.getStringWithoutLengthUtf8(
                index + STATE_LABEL_OFFSET, buffer.getInt(index + STATE_LABEL_LENGTH_OFFSET)));
      } else if (type == CONTEXT_MESSAGE) {
        handler.onContext(readContext(buffer, index));
      }
    };
  }

  private FrameEvent readFrame(DirectBuffer buffer, int index) {
    int rects = buffer.getInt(index + DAMAGE_COUNT_OFFSET);
    List<Rect> damage = null;
    if (rects == 0) {
      damage = List.of();
    } else if (rects > 0) {
      damage = new ArrayList<>(rects);
      for (int i = 0; i < rects; i++) {
        int at = index + DAMAGE_OFFSET + i * DAMAGE_RECT_BYTES;
        damage.add(
            new Rect(
                buffer.getInt(at),
                buffer.getInt(at + 4),
                buffer.getInt(at + 8),
                buffer.getInt(at + 12)));
      }
    }
    int labelAt = index + DAMAGE_OFFSET + Math.max(0, rects) * DAMAGE_RECT_BYTES;
    int display = buffer.getInt(index + DISPLAY_OFFSET);
    return event.fill(
        buffer.getLong(index + FRAME_SEQ_OFFSET),
        buffer.getLong(index + CAPTURED_AT_NANOS_OFFSET),
        buffer.getLong(index + RING_POSITION_OFFSET),
        buffer.getLong(index + FINGERPRINT_OFFSET),
        (buffer.getInt(index + FLAGS_OFFSET) & FLAG_SAME_AS_PREVIOUS) != 0,
        buffer.getInt(index + WIDTH_OFFSET),
        buffer.getInt(index + HEIGHT_OFFSET),
        display,
        buffer.getInt(index + MASKED_OFFSET),
        damage,
        label(buffer, labelAt, buffer.getInt(index + LABEL_LENGTH_OFFSET), display));
  }

  /**
   * The label at {@code at}: the display's last one when its bytes are the same (a live display's
   * name, every frame), so reading it allocates nothing; else decoded, and kept for next time.
   */
  private String label(DirectBuffer buffer, int at, int length, int display) {
    if (display < 0 || display >= LABEL_CACHE_DISPLAYS) {
      return buffer.getStringWithoutLengthUtf8(at, length);
    }
    byte[] cached = labelBytes[display];
    if (cached != null && cached.length == length) {
      int i = 0;
      while (i < length && buffer.getByte(at + i) == cached[i]) {
        i++;
      }
      if (i == length) {
        return labels[display];
      }
    }
    byte[] bytes = new byte[length];
    buffer.getBytes(at, bytes);
    labelBytes[display] = bytes;
    labels[display] = new String(bytes, StandardCharsets.UTF_8);
    return labels[display];
  }

  private static ContextEventRecord readContext(DirectBuffer buffer, int index) {
    int appLength = buffer.getInt(index + CONTEXT_APP_LENGTH_OFFSET);
    int titleLength = buffer.getInt(index + CONTEXT_TITLE_LENGTH_OFFSET);
    return new ContextEventRecord(
        buffer.getLong(index + CONTEXT_TIME_NANOS_OFFSET),
        buffer.getLong(index + CONTEXT_FROM_SEQ_OFFSET),
        buffer.getInt(index + CONTEXT_DISPLAY_OFFSET),
        buffer.getStringWithoutLengthUtf8(index + CONTEXT_TEXT_OFFSET, appLength),
        buffer.getStringWithoutLengthUtf8(index + CONTEXT_TEXT_OFFSET + appLength, titleLength),
        buffer.getInt(index + CONTEXT_EXCLUDED_OFFSET) != 0);
  }

  private static Rect boundingBox(List<Rect> rects) {
    int left = Integer.MAX_VALUE;
    int top = Integer.MAX_VALUE;
    int right = Integer.MIN_VALUE;
    int bottom = Integer.MIN_VALUE;
    for (Rect r : rects) {
      left = Math.min(left, r.x());
      top = Math.min(top, r.y());
      right = Math.max(right, r.x() + r.width());
      bottom = Math.max(bottom, r.y() + r.height());
    }
    return new Rect(left, top, right - left, bottom - top);
  }

  int pending() {
    return ring.size();
  }

  static byte[] labelBytes(String label) {
    return label.getBytes(StandardCharsets.UTF_8);
  }
}

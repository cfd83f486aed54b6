package dev.ironcliw.ring;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A zero-copy, reusable view of one frame in the ring, filled by {@link FrameRing#read}.
 *
 * <p>The pixels are read in place while the writer may be overwriting the slot: after using them,
 * call {@link #stillValid()}; when it returns false, whatever was computed from the pixels must be
 * thrown away. A view is used by one thread at a time.
 */
public final class FrameView {
  private final UnsafeBuffer pixelBuffer = new UnsafeBuffer();
  private UnsafeBuffer header;
  private long lockVersion;
  private long position = SlotDescriptor.EMPTY_POSITION;
  private long frameSeq;
  private long capturedAtEpochNanos;
  private int width;
  private int height;
  private int strideBytes;
  private int display;
  private long fingerprint;
  private MemorySegment pixels = MemorySegment.NULL;

  /**
   * A view of pixels that are not in a ring (self-tests, benchmarks): always valid, position -1.
   */
  public static FrameView detached(
      MemorySegment pixels, int width, int height, int strideBytes, long fingerprint) {
    FrameView view = new FrameView();
    view.width = width;
    view.height = height;
    view.strideBytes = strideBytes;
    view.fingerprint = fingerprint;
    view.pixels = pixels.asSlice(0, (long) height * strideBytes);
    view.pixelBuffer.wrap(view.pixels.address(), (int) view.pixels.byteSize());
    return view;
  }

  void fill(UnsafeBuffer slotHeader, long lock, MemorySegment slotPixels) {
    header = slotHeader;
    lockVersion = lock;
    position = slotHeader.getLong(SlotDescriptor.POSITION_OFFSET);
    frameSeq = slotHeader.getLong(SlotDescriptor.FRAME_SEQ_OFFSET);
    capturedAtEpochNanos = slotHeader.getLong(SlotDescriptor.CAPTURED_AT_NANOS_OFFSET);
    width = slotHeader.getInt(SlotDescriptor.WIDTH_OFFSET);
    height = slotHeader.getInt(SlotDescriptor.HEIGHT_OFFSET);
    strideBytes = slotHeader.getInt(SlotDescriptor.STRIDE_OFFSET);
    display = slotHeader.getInt(SlotDescriptor.DISPLAY_OFFSET);
    fingerprint = slotHeader.getLong(SlotDescriptor.FINGERPRINT_OFFSET);
    long bytes = Math.min((long) height * strideBytes, slotPixels.byteSize());
    pixels = slotPixels.asSlice(0, Math.max(0, bytes));
    pixelBuffer.wrap(pixels.address(), (int) pixels.byteSize());
  }

  /**
   * True when the slot was not touched by the writer since this view was filled, so everything read
   * from it so far is one whole frame.
   */
  public boolean stillValid() {
    VarHandle.loadLoadFence();
    if (header == null) {
      return position == SlotDescriptor.EMPTY_POSITION && width > 0; // detached
    }
    return header.getLongVolatile(SlotDescriptor.LOCK_OFFSET) == lockVersion;
  }

  public long position() {
    return position;
  }

  public long frameSeq() {
    return frameSeq;
  }

  public long capturedAtEpochNanos() {
    return capturedAtEpochNanos;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int strideBytes() {
    return strideBytes;
  }

  public int display() {
    return display;
  }

  /** {@link FrameHash} of the pixel bytes, computed once by the writer. */
  public long fingerprint() {
    return fingerprint;
  }

  /** The pixel rows in place, {@code height * strideBytes} bytes of B,G,R,X. */
  public MemorySegment pixels() {
    return pixels;
  }

  /** The same pixels through an Agrona buffer. */
  public DirectBuffer pixelBuffer() {
    return pixelBuffer;
  }
}

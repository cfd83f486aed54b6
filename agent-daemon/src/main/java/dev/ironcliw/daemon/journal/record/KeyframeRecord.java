package dev.ironcliw.daemon.journal.record;

/**
 * A forwarded frame kept downscaled in the journal, so its picture outlives the ring.
 *
 * @param seq the frame's sequence number
 * @param capturedAtNanos when it was captured, epoch nanoseconds
 * @param frameWidth the frame's width in pixels
 * @param frameHeight the frame's height
 * @param width the keyframe's width (the frame scaled down to history.keyframes.maxLongEdge)
 * @param height the keyframe's height
 * @param jpeg the keyframe, JPEG-encoded
 */
public record KeyframeRecord(
    long seq,
    long capturedAtNanos,
    int frameWidth,
    int frameHeight,
    int width,
    int height,
    byte[] jpeg) {
  public KeyframeRecord {
    jpeg = jpeg.clone();
  }

  @Override
  public byte[] jpeg() {
    return jpeg.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyframeRecord r
        && seq == r.seq
        && capturedAtNanos == r.capturedAtNanos
        && frameWidth == r.frameWidth
        && frameHeight == r.frameHeight
        && width == r.width
        && height == r.height
        && java.util.Arrays.equals(jpeg, r.jpeg);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seq);
  }

  @Override
  public String toString() {
    return "KeyframeRecord[seq=" + seq + ", " + width + "x" + height + ", " + jpeg.length + " B]";
  }
}

package dev.ironcliw.vision;

import dev.ironcliw.vision.image.FrameCrop;
import java.util.List;

/**
 * A CHANGE frame queued for vision, with its images already copied out of the ring.
 *
 * @param seq frame sequence
 * @param capturedAtEpochNanos capture time
 * @param display the display it shows
 * @param ringPosition where its pixels were in the frame ring
 * @param changedTiles tiles over the diff threshold
 * @param images crops of the changed regions, and the context image of a large change
 */
public record BatchFrame(
    long seq,
    long capturedAtEpochNanos,
    int display,
    long ringPosition,
    int changedTiles,
    List<FrameCrop> images) {
  public BatchFrame {
    images = List.copyOf(images);
  }

  /** Heap bytes of the copied pixels. */
  public long pixelBytes() {
    long bytes = 0;
    for (FrameCrop crop : images) {
      bytes += crop.pixelBytes();
    }
    return bytes;
  }
}

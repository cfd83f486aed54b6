package dev.ironcliw.vision;

/**
 * A CHANGE frame queued for vision.
 *
 * @param seq frame sequence
 * @param capturedAtEpochNanos capture time
 * @param ringPosition where its pixels are in the frame ring
 * @param changedTiles tiles over the diff threshold
 */
public record BatchFrame(
    long seq, long capturedAtEpochNanos, long ringPosition, int changedTiles) {}

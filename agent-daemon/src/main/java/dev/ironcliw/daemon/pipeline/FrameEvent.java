package dev.ironcliw.daemon.pipeline;

import dev.ironcliw.ring.Rect;
import java.util.List;

/**
 * One frame as the pipeline receives it from the capture agent.
 *
 * @param seq frame sequence
 * @param capturedAtNanos capture time, epoch nanoseconds
 * @param ringPosition where the pixels are (the previous frame's when sameAsPrevious)
 * @param fingerprint exact fingerprint of the pixels
 * @param sameAsPrevious identical to the previous frame of its display
 * @param width frame width
 * @param height frame height
 * @param display index of the display in the source
 * @param maskedRegions regions blanked by privacy exclusions
 * @param damage the OS's damage hint in frame coordinates, or null when there was none
 * @param label file name when replaying, else the display name
 */
record FrameEvent(
    long seq,
    long capturedAtNanos,
    long ringPosition,
    long fingerprint,
    boolean sameAsPrevious,
    int width,
    int height,
    int display,
    int maskedRegions,
    List<Rect> damage,
    String label) {}

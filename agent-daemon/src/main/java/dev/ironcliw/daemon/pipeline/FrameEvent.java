package dev.ironcliw.daemon.pipeline;

import dev.ironcliw.ring.Rect;
import java.util.List;

/**
 * One frame as the pipeline receives it from the capture agent. {@link FrameEvents} fills one
 * instance again for each frame it reads, so a frame costs the pipeline no allocation: it is valid
 * only during {@link FrameEvents.Handler#onFrame}, and no handler keeps it.
 */
final class FrameEvent {
  private long seq;
  private long capturedAtNanos;
  private long ringPosition;
  private long fingerprint;
  private boolean sameAsPrevious;
  private int width;
  private int height;
  private int display;
  private int maskedRegions;
  private List<Rect> damage;
  private String label;

  /**
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
  FrameEvent fill(
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
      String label) {
    this.seq = seq;
    this.capturedAtNanos = capturedAtNanos;
    this.ringPosition = ringPosition;
    this.fingerprint = fingerprint;
    this.sameAsPrevious = sameAsPrevious;
    this.width = width;
    this.height = height;
    this.display = display;
    this.maskedRegions = maskedRegions;
    this.damage = damage;
    this.label = label;
    return this;
  }

  long seq() {
    return seq;
  }

  long capturedAtNanos() {
    return capturedAtNanos;
  }

  long ringPosition() {
    return ringPosition;
  }

  long fingerprint() {
    return fingerprint;
  }

  boolean sameAsPrevious() {
    return sameAsPrevious;
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  int display() {
    return display;
  }

  int maskedRegions() {
    return maskedRegions;
  }

  List<Rect> damage() {
    return damage;
  }

  String label() {
    return label;
  }
}

package dev.ironcliw.ring;

/**
 * A rectangle in pixels.
 *
 * @param x left edge
 * @param y top edge
 * @param width width
 * @param height height
 */
public record Rect(int x, int y, int width, int height) {
  /** The overlap with {@code other}, or null when they do not overlap. */
  public Rect intersect(Rect other) {
    int left = Math.max(x, other.x);
    int top = Math.max(y, other.y);
    int right = Math.min(x + width, other.x + other.width);
    int bottom = Math.min(y + height, other.y + other.height);
    return right > left && bottom > top ? new Rect(left, top, right - left, bottom - top) : null;
  }

  /** This rectangle grown by {@code pixels} on every side. */
  public Rect grownBy(int pixels) {
    return new Rect(x - pixels, y - pixels, width + 2 * pixels, height + 2 * pixels);
  }

  /** This rectangle moved by (-dx, -dy): into the coordinates of an area at (dx, dy). */
  public Rect relativeTo(int dx, int dy) {
    return new Rect(x - dx, y - dy, width, height);
  }
}

package dev.ironcliw.vision.image;

import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a frame's changed regions into the few rectangles worth sending: each padded for context,
 * clipped to the frame, overlapping or touching ones merged, and, when more than {@code maxCrops}
 * remain, one bounding box of them all, since a change that scattered is best seen whole.
 */
public final class CropPlanner {
  private CropPlanner() {}

  /** The crops, largest first; empty when nothing changed. */
  public static List<Rect> plan(
      List<Rect> changed, int frameWidth, int frameHeight, int padding, int maxCrops) {
    Rect frame = new Rect(0, 0, frameWidth, frameHeight);
    List<Rect> crops = new ArrayList<>();
    for (Rect r : changed) {
      Rect padded = r.grownBy(padding).intersect(frame);
      if (padded != null) {
        crops.add(padded);
      }
    }
    mergeTouching(crops);
    if (crops.size() > maxCrops) {
      Rect box = crops.getFirst();
      for (Rect r : crops) {
        box = union(box, r);
      }
      return List.of(box);
    }
    crops.sort(Comparator.comparingLong(CropPlanner::area).reversed());
    return List.copyOf(crops);
  }

  /** Merges rectangles that overlap or share an edge until none do. */
  private static void mergeTouching(List<Rect> rects) {
    boolean merged = true;
    while (merged) {
      merged = false;
      for (int i = 0; i < rects.size() && !merged; i++) {
        for (int j = i + 1; j < rects.size(); j++) {
          if (touch(rects.get(i), rects.get(j))) {
            rects.set(i, union(rects.get(i), rects.get(j)));
            rects.remove(j);
            merged = true;
            break;
          }
        }
      }
    }
  }

  private static boolean touch(Rect a, Rect b) {
    return a.x() <= b.x() + b.width()
        && b.x() <= a.x() + a.width()
        && a.y() <= b.y() + b.height()
        && b.y() <= a.y() + a.height();
  }

  static Rect union(Rect a, Rect b) {
    int left = Math.min(a.x(), b.x());
    int top = Math.min(a.y(), b.y());
    int right = Math.max(a.x() + a.width(), b.x() + b.width());
    int bottom = Math.max(a.y() + a.height(), b.y() + b.height());
    return new Rect(left, top, right - left, bottom - top);
  }

  static long area(Rect r) {
    return (long) r.width() * r.height();
  }
}

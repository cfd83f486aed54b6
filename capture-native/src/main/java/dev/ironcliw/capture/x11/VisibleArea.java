package dev.ironcliw.capture.x11;

import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;

/** Rectangle arithmetic for the visible part of a window: what is left after others cover it. */
final class VisibleArea {
  private VisibleArea() {}

  /** {@code area} minus every rectangle of {@code covers}, as disjoint rectangles. */
  static List<Rect> subtract(Rect area, List<Rect> covers) {
    List<Rect> visible = new ArrayList<>(List.of(area));
    for (Rect cover : covers) {
      List<Rect> next = new ArrayList<>();
      for (Rect piece : visible) {
        next.addAll(subtract(piece, cover));
      }
      visible = next;
    }
    return visible;
  }

  /** {@code piece} minus {@code cover}: up to four bands around the overlap. */
  private static List<Rect> subtract(Rect piece, Rect cover) {
    Rect overlap = piece.intersect(cover);
    if (overlap == null) {
      return List.of(piece);
    }
    List<Rect> left = new ArrayList<>(4);
    int pieceRight = piece.x() + piece.width();
    int pieceBottom = piece.y() + piece.height();
    int overlapRight = overlap.x() + overlap.width();
    int overlapBottom = overlap.y() + overlap.height();
    if (overlap.y() > piece.y()) {
      left.add(new Rect(piece.x(), piece.y(), piece.width(), overlap.y() - piece.y()));
    }
    if (overlapBottom < pieceBottom) {
      left.add(new Rect(piece.x(), overlapBottom, piece.width(), pieceBottom - overlapBottom));
    }
    if (overlap.x() > piece.x()) {
      left.add(new Rect(piece.x(), overlap.y(), overlap.x() - piece.x(), overlap.height()));
    }
    if (overlapRight < pieceRight) {
      left.add(new Rect(overlapRight, overlap.y(), pieceRight - overlapRight, overlap.height()));
    }
    return left;
  }
}

package dev.ironcliw.daemon.search;

/**
 * How far apart two terms are as Lucene's fuzzy queries count it: a letter changed, added or
 * dropped, or two neighbours swapped, one edit each (the optimal string alignment distance), in
 * code points.
 */
final class EditDistance {
  private EditDistance() {}

  /** Whether {@code a} becomes {@code b} in at most {@code max} edits. */
  static boolean atMost(String a, String b, int max) {
    if (a.equals(b)) {
      return true;
    }
    int xLength = a.codePointCount(0, a.length());
    int yLength = b.codePointCount(0, b.length());
    if (Math.abs(xLength - yLength) > max) {
      return false; // most terms a search compares: no arrays made for them
    }
    int[] x = codePoints(a, xLength);
    int[] y = codePoints(b, yLength);
    // Three rows of the table: the one before the previous (for swaps), the previous, this one.
    int[] twoBack = new int[y.length + 1];
    int[] previous = new int[y.length + 1];
    int[] current = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= y.length; j++) {
        int cost = x[i - 1] == y[j - 1] ? 0 : 1;
        int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
          d = Math.min(d, twoBack[j - 2] + 1);
        }
        current[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > max) {
        return false; // every later row is at least this far
      }
      int[] spare = twoBack;
      twoBack = previous;
      previous = current;
      current = spare;
    }
    return previous[y.length] <= max;
  }

  private static int[] codePoints(String s, int count) {
    int[] points = new int[count];
    for (int i = 0, at = 0; i < count; i++) {
      points[i] = s.codePointAt(at);
      at += Character.charCount(points[i]);
    }
    return points;
  }
}

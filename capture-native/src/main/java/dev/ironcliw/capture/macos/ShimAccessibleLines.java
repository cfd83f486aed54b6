package dev.ironcliw.capture.macos;

import dev.ironcliw.capture.AccessibleLine;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code ironcliw_focused_text}'s answer: a line per text line, {@code "element x y width
 * height\ttext"}. A line that does not read so is left out.
 */
final class ShimAccessibleLines {
  private ShimAccessibleLines() {}

  static List<AccessibleLine> parse(String answer) {
    List<AccessibleLine> lines = new ArrayList<>();
    for (String line : answer.split("\n")) {
      int tab = line.indexOf('\t');
      String[] numbers = tab < 0 ? new String[0] : line.substring(0, tab).split(" ");
      if (numbers.length != 5) {
        continue;
      }
      try {
        lines.add(
            new AccessibleLine(
                Integer.parseInt(numbers[0]),
                new Rect(
                    Integer.parseInt(numbers[1]),
                    Integer.parseInt(numbers[2]),
                    Integer.parseInt(numbers[3]),
                    Integer.parseInt(numbers[4])),
                line.substring(tab + 1)));
      } catch (IllegalArgumentException e) {
        // not a line the shim writes (or a blank one): left out
      }
    }
    return lines;
  }
}

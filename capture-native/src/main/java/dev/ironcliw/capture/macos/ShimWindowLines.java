package dev.ironcliw.capture.macos;

import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code ironcliw_windows_on}'s answer: a line per window, {@code "x y width
 * height\tapp\tbundle id\ttitle"}. A line that does not read so is left out.
 */
final class ShimWindowLines {
  private ShimWindowLines() {}

  static List<MacScreenApi.ScreenWindow> parse(String text) {
    List<MacScreenApi.ScreenWindow> windows = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] fields = line.split("\t", -1);
      String[] box = fields[0].split(" ");
      if (fields.length != 4 || box.length != 4) {
        continue;
      }
      try {
        Rect area =
            new Rect(
                Integer.parseInt(box[0]),
                Integer.parseInt(box[1]),
                Integer.parseInt(box[2]),
                Integer.parseInt(box[3]));
        windows.add(new MacScreenApi.ScreenWindow(area, fields[1], fields[2], fields[3]));
      } catch (IllegalArgumentException e) {
        // not a line the shim writes: left out
      }
    }
    return windows;
  }
}

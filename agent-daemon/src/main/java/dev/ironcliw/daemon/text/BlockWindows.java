package dev.ironcliw.daemon.text;

import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.LocatedWindow;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.WindowName;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Files each line read under the window it lies in (the one at its box's centre), so text is found
 * under its own app and title rather than the focused window's. A block whose lines lie in more
 * than one window becomes one block per window. A window the privacy rules exclude is not named
 * (its pixels were blank, so text there was read before it came), nor is the desktop.
 */
final class BlockWindows {
  /**
   * Lines with their blocks renumbered, and the window of each block.
   *
   * @param lines the lines, in the order read
   * @param windows the window of each block, by block number; empty when not known
   */
  record Filed(List<TextLine> lines, List<WindowName> windows) {}

  private record Key(int block, int window) {}

  private BlockWindows() {}

  /**
   * @param windowsTopmostFirst the windows of the display the lines were read from; empty when they
   *     are not known, and then so are the lines' windows
   */
  static Filed file(List<TextLine> lines, List<LocatedWindow> windowsTopmostFirst) {
    if (windowsTopmostFirst.isEmpty() || lines.isEmpty()) {
      return new Filed(lines, List.of());
    }
    Map<Key, Integer> blocks = new HashMap<>();
    List<WindowName> windows = new ArrayList<>();
    List<TextLine> filed = new ArrayList<>(lines.size());
    for (TextLine line : lines) {
      Rect box = line.box();
      int at =
          LocatedWindow.indexAt(
              windowsTopmostFirst, box.x() + box.width() / 2, box.y() + box.height() / 2);
      Integer block = blocks.get(new Key(line.block(), at));
      if (block == null) {
        block = windows.size();
        blocks.put(new Key(line.block(), at), block);
        windows.add(at < 0 ? WindowName.NONE : nameOf(windowsTopmostFirst.get(at).window()));
      }
      filed.add(new TextLine(block, line.words()));
    }
    return new Filed(filed, windows);
  }

  private static WindowName nameOf(FocusedWindow w) {
    return w.excluded() ? WindowName.NONE : new WindowName(w.app(), w.title());
  }
}

package dev.ironcliw.daemon.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.LocatedWindow;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.daemon.journal.record.WindowName;
import dev.ironcliw.ring.Rect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text is filed under the window each line lies in, not the focused one. */
class BlockWindowsTest {
  private static final LocatedWindow EDITOR =
      new LocatedWindow(
          new Rect(0, 0, 400, 300), new FocusedWindow("gedit", "notes.txt", 0, false));
  private static final LocatedWindow TERMINAL =
      new LocatedWindow(
          new Rect(300, 200, 300, 200), new FocusedWindow("XTerm", "bash: ~/src", 0, false));
  private static final LocatedWindow BANK =
      new LocatedWindow(new Rect(600, 0, 200, 200), FocusedWindow.excludedOn(0));

  private static TextLine line(int block, int x, int y, String text) {
    return new TextLine(block, List.of(new TextWord(text, new Rect(x, y, 60, 12), 90)));
  }

  @Test
  void shouldFileEachLineUnderTheTopmostWindowAtItsCentreAndSplitABlockAcrossWindows() {
    List<TextLine> read =
        List.of(
            line(0, 10, 10, "first"), // editor
            line(0, 10, 30, "second"), // editor
            line(1, 320, 250, "make"), // both: the terminal is above the editor
            line(1, 320, 350, "test"), // terminal
            line(1, 100, 280, "status"), // editor, same block as the terminal's lines
            line(2, 650, 50, "leftover"), // an excluded window's area
            line(3, 10, 500, "desktop")); // no window
    BlockWindows.Filed filed = BlockWindows.file(read, List.of(BANK, TERMINAL, EDITOR));
    assertEquals(
        List.of(0, 0, 1, 1, 2, 3, 4), filed.lines().stream().map(TextLine::block).toList());
    assertEquals(
        List.of(
            new WindowName("gedit", "notes.txt"),
            new WindowName("XTerm", "bash: ~/src"),
            new WindowName("gedit", "notes.txt"),
            WindowName.NONE,
            WindowName.NONE),
        filed.windows());
    assertEquals(
        read.stream().map(TextLine::text).toList(),
        filed.lines().stream().map(TextLine::text).toList(),
        "the lines and their order are kept");
  }

  @Test
  void shouldLeaveTheWindowsUnknownWhereTheSourceCannotTell() {
    List<TextLine> read = List.of(line(0, 10, 10, "first"), line(1, 10, 30, "second"));
    BlockWindows.Filed filed = BlockWindows.file(read, List.of());
    assertEquals(read, filed.lines());
    assertEquals(List.of(), filed.windows());
  }
}

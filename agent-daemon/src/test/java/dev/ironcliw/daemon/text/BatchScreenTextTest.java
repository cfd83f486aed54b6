package dev.ironcliw.daemon.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.vision.BatchFrame;
import dev.ironcliw.vision.image.FrameCrop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What text goes with a batch, from reads in a real journal. */
class BatchScreenTextTest {
  @TempDir Path dir;

  /** One line of words at (x, y), 10 pixels a letter, 16 high. */
  private static TextLine line(int block, int x, int y, String text) {
    List<TextWord> words = new ArrayList<>();
    for (String w : text.split(" ")) {
      words.add(new TextWord(w, new Rect(x, y, 10 * w.length(), 16), 90));
      x += 10 * (w.length() + 1);
    }
    return new TextLine(block, words);
  }

  private static BatchFrame frame(long seq, int display, Rect changed, boolean context) {
    List<FrameCrop> images = new ArrayList<>();
    images.add(new FrameCrop(changed, 1920, 1080, 1, 1, new int[1], false));
    if (context) {
      images.add(new FrameCrop(new Rect(0, 0, 1920, 1080), 1920, 1080, 1, 1, new int[1], true));
    }
    return new BatchFrame(seq, seq, display, seq, 1, images);
  }

  @Test
  void shouldSendTheLinesAroundWhatChangedInReadingOrderWithinItsLength() {
    try (Journal journal = Journal.open(dir.resolve("journal"))) {
      // The editor at the top, read at frame 3; a terminal at the bottom, read at frame 5;
      // another display at frame 6.
      journal.append(
          new TextRecord(
              3,
              3,
              0,
              new Rect(0, 0, 1920, 120),
              List.of(line(0, 40, 20, "Dear Ms Smith,"), line(0, 40, 40, "the invoice 2291"))));
      journal.append(
          new TextRecord(
              5,
              5,
              0,
              new Rect(0, 900, 1920, 180),
              List.of(line(0, 40, 1000, "$ make test"), line(0, 40, 1020, "FAILED 3 of 41"))));
      journal.append(
          new TextRecord(6, 6, 1, new Rect(0, 0, 800, 40), List.of(line(0, 0, 10, "Slack"))));

      BatchScreenText text = new BatchScreenText(journal, 2000);
      Rect typing = new Rect(200, 40, 30, 16);
      assertEquals(
          "Dear Ms Smith,\nthe invoice 2291",
          text.textOf(List.of(frame(4, 0, typing, false), frame(6, 0, typing, false))),
          "the editor's lines, not the terminal's, which is far from the change");
      assertEquals(
          "Dear Ms Smith,\nthe invoice 2291\n$ make test\nFAILED 3 of 41",
          text.textOf(List.of(frame(6, 0, typing, true))),
          "a whole-screen image: every line, top first");
      assertEquals(
          "$ make test\nFAILED 3 of 41",
          text.textOf(List.of(frame(6, 0, new Rect(40, 1020, 140, 16), false))));
      assertEquals(
          "Display 0:\nDear Ms Smith,\nthe invoice 2291\nDisplay 1:\nSlack",
          text.textOf(List.of(frame(5, 0, typing, false), frame(6, 1, typing, false))));
      assertEquals(
          "Dear Ms Smith,",
          new BatchScreenText(journal, 20).textOf(List.of(frame(6, 0, typing, false))),
          "cut between lines");
      assertEquals("", text.textOf(List.of(frame(2, 0, typing, true))), "nothing read yet");
      assertEquals("", new BatchScreenText(journal, 0).textOf(List.of(frame(6, 0, typing, true))));
    }
  }
}

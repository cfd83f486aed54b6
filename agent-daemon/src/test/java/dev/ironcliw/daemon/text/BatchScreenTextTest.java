package dev.ironcliw.daemon.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.vision.BatchFrame;
import dev.ironcliw.vision.ScreenText;
import dev.ironcliw.vision.image.FrameCrop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  private static BatchScreenText screenText(Journal journal, int maxChars) {
    return new BatchScreenText(journal, maxChars, ReadProgress.NOTHING_READ, Duration.ZERO);
  }

  private static String lines(BatchScreenText text, List<BatchFrame> frames) {
    return text.of(frames).lines();
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

      BatchScreenText text = screenText(journal, 2000);
      Rect typing = new Rect(200, 40, 30, 16);
      assertEquals(
          "Dear Ms Smith,\nthe invoice 2291",
          lines(text, List.of(frame(4, 0, typing, false), frame(6, 0, typing, false))),
          "the editor's lines, not the terminal's, which is far from the change");
      assertEquals(
          "Dear Ms Smith,\nthe invoice 2291\n$ make test\nFAILED 3 of 41",
          lines(text, List.of(frame(6, 0, typing, true))),
          "a whole-screen image: every line, top first");
      assertEquals(
          "$ make test\nFAILED 3 of 41",
          lines(text, List.of(frame(6, 0, new Rect(40, 1020, 140, 16), false))));
      assertEquals(
          "Display 0:\nDear Ms Smith,\nthe invoice 2291\nDisplay 1:\nSlack",
          lines(text, List.of(frame(5, 0, typing, false), frame(6, 1, typing, false))));
      assertEquals(
          "Dear Ms Smith,",
          lines(screenText(journal, 20), List.of(frame(6, 0, typing, false))),
          "cut between lines");
      assertEquals("", lines(text, List.of(frame(2, 0, typing, true))), "nothing read yet");
      assertEquals("", lines(screenText(journal, 0), List.of(frame(6, 0, typing, true))));
    }
  }

  @Test
  void shouldGiveTheBoxesOfEveryRedactedWordOnScreenFromTheBatchsFirstFrameOn() {
    try (Journal journal = Journal.open(dir.resolve("journal"))) {
      TextLine key = line(0, 40, 200, "export KEY " + SecretRedactor.REDACTED);
      Rect keyBox = key.words().get(2).box();
      // Read at frame 3: a key in the terminal; at 5 the terminal was cleared (read again, no
      // key); at 8 a card number on the other display; at 9 a password where the key was.
      journal.append(new TextRecord(3, 3, 0, new Rect(0, 180, 800, 60), List.of(key)));
      journal.append(
          new TextRecord(5, 5, 0, new Rect(0, 180, 800, 60), List.of(line(0, 40, 200, "$"))));
      TextLine card =
          line(0, 0, 10, "card " + SecretRedactor.REDACTED + " " + SecretRedactor.REDACTED);
      journal.append(new TextRecord(8, 8, 1, new Rect(0, 0, 800, 40), List.of(card)));
      TextLine password = line(0, 40, 200, "password: " + SecretRedactor.REDACTED);
      journal.append(new TextRecord(9, 9, 0, new Rect(0, 180, 800, 60), List.of(password)));

      BatchScreenText text = screenText(journal, 2000);
      Rect typing = new Rect(40, 200, 30, 16);
      ScreenText at4 = text.of(List.of(frame(4, 0, typing, false)));
      assertEquals(
          Map.of(0, List.of(keyBox, password.words().get(1).box())),
          at4.secretsByDisplay(),
          "the key visible at frame 4, and the password read after it");
      ScreenText at6 = text.of(List.of(frame(6, 0, typing, false), frame(7, 1, typing, false)));
      assertEquals(
          List.of(password.words().get(1).box()), at6.secretsOn(0), "the key was gone by 6");
      assertEquals(List.of(card.words().get(1).box(), card.words().get(2).box()), at6.secretsOn(1));
      assertEquals(
          List.of(password.words().get(1).box()),
          text.of(List.of(frame(10, 0, typing, false))).secretsOn(0),
          "still on screen");
      assertEquals(Map.of(), text.of(List.of(frame(10, 2, typing, false))).secretsByDisplay());
      assertEquals(
          List.of(password.words().get(1).box()),
          screenText(journal, 0).of(List.of(frame(9, 0, typing, false))).secretsOn(0),
          "masked even when no text is sent");
    }
  }

  @Test
  void shouldHaveReadABatchOnceEveryDisplayItShowsIsReadThroughItsLastFrame() {
    try (Journal journal = Journal.open(dir.resolve("journal"))) {
      Map<Integer, Long> readThrough = new HashMap<>(Map.of(0, 7L, 1, 3L));
      BatchScreenText text =
          new BatchScreenText(
              journal,
              2000,
              (display, seq) -> readThrough.getOrDefault(display, -1L) >= seq,
              Duration.ofSeconds(9));
      Rect typing = new Rect(40, 200, 30, 16);
      assertEquals(Duration.ofSeconds(9), text.longestReadWait());
      assertTrue(text.hasRead(List.of(frame(6, 0, typing, false), frame(7, 0, typing, false))));
      assertFalse(text.hasRead(List.of(frame(7, 0, typing, false), frame(8, 0, typing, false))));
      assertFalse(text.hasRead(List.of(frame(5, 0, typing, false), frame(4, 1, typing, false))));
      readThrough.put(1, 4L);
      assertTrue(text.hasRead(List.of(frame(5, 0, typing, false), frame(4, 1, typing, false))));
    }
  }
}

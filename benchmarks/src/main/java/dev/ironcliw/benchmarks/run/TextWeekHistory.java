package dev.ironcliw.benchmarks.run;

import dev.ironcliw.benchmarks.support.GeneratedFrames;
import dev.ironcliw.benchmarks.support.SkewedVocabulary;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.core.time.SetTimeProvider;

/**
 * A generated week of history in a journal, as the daemon would have written it: each day {@code
 * activeHours} of frames at 10 FPS, the focused window changing every few minutes, and a read of
 * the screen's text every {@code secondsPerRead}. A screen holds three blocks of text (words from a
 * skewed 30,000-word vocabulary, 2 to 5 lines of 6 to 12 words, with word boxes); at each read each
 * block is still there or has been replaced by a new one. Each record goes to the day it was
 * captured on, as the journal's clock is set to it.
 */
final class TextWeekHistory {
  static final int DAYS = 7;
  private static final int FPS = 10;
  private static final int BLOCKS = 3;
  private static final double REPLACED = 0.4;
  private static final byte[] NO_DESCRIPTOR = new byte[0];
  private static final int GLYPH_WIDTH = 8;
  private static final int LINE_HEIGHT = 18;
  private static final String[] APPS = {
    "Firefox", "XTerm", "Gedit", "Evince", "Slack", "Code", "Thunderbird", "LibreOffice"
  };

  /** What was written, and words to search for. */
  record Written(
      long frames,
      long reads,
      long blocks,
      long contexts,
      long firstNanos,
      long lastNanos,
      String commonWord,
      String lastDayPhrase,
      String typo) {}

  private final Random random = new Random(21);
  private final SkewedVocabulary vocabulary = new SkewedVocabulary(random, 30_000);

  /**
   * Writes the week into the journal at {@code journalDir}, ending {@code endNanos} (epoch).
   *
   * @param activeHours hours of activity a day, at 10 FPS
   * @param secondsPerRead how often the text of the screen is read while active
   */
  Written write(Path journalDir, long endNanos, int activeHours, int secondsPerRead)
      throws Exception {
    long dayNanos = TimeUnit.DAYS.toNanos(1);
    long firstNanos = endNanos - DAYS * dayNanos;
    SetTimeProvider clock = new SetTimeProvider(firstNanos / 1_000_000);
    // Frames and contexts are the pipeline thread's appends, text the reader thread's.
    ExecutorService textThread = Executors.newSingleThreadExecutor();
    long seq = 0;
    long reads = 0;
    long blocks = 0;
    long contexts = 0;
    long lastNanos = firstNanos;
    String phrase = null;
    List<List<String>> screen = new ArrayList<>();
    for (int b = 0; b < BLOCKS; b++) {
      screen.add(block());
    }
    try (Journal journal = Journal.open(journalDir, 64L << 20, clock)) {
      for (int day = 0; day < DAYS; day++) {
        long dayStart = firstNanos + day * dayNanos;
        long frames = (long) activeHours * 3600 * FPS;
        long nextContext = 0;
        for (long f = 0; f < frames; f++) {
          long at = dayStart + f * (1_000_000_000L / FPS);
          clock.currentTimeMillis(at / 1_000_000);
          if (f == nextContext) {
            String app = APPS[random.nextInt(APPS.length)];
            journal.append(
                new ContextEventRecord(
                    at, seq, 0, app, app + " window " + random.nextInt(200), false));
            contexts++;
            nextContext += (60 + random.nextInt(240)) * FPS;
          }
          journal.append(GeneratedFrames.record(seq, at, "x11", NO_DESCRIPTOR));
          if (f % ((long) secondsPerRead * FPS) == 0) {
            for (int b = 0; b < BLOCKS; b++) {
              if (random.nextDouble() < REPLACED) {
                screen.set(b, block());
                blocks++;
                if (day == DAYS - 1) {
                  List<String> first = screen.get(b);
                  phrase = "\"" + first.get(2) + " " + first.get(3) + "\"";
                }
              }
            }
            TextRecord text = text(seq, at, screen);
            textThread.submit(() -> journal.append(text)).get(10, TimeUnit.SECONDS);
            reads++;
          }
          lastNanos = at;
          seq++;
        }
      }
      textThread.submit(journal::closeTextAppender).get(10, TimeUnit.SECONDS);
    } finally {
      textThread.shutdown();
    }
    String word = vocabulary.word(1_500);
    return new Written(
        seq,
        reads,
        blocks,
        contexts,
        firstNanos,
        lastNanos,
        vocabulary.word(2_000),
        phrase,
        (word.charAt(0) == 'x' ? 'y' : 'x') + word.substring(1));
  }

  /** A block's words, one list a line. */
  private List<String> block() {
    List<String> words = new ArrayList<>();
    int lines = 2 + random.nextInt(4);
    for (int l = 0; l < lines; l++) {
      int count = 6 + random.nextInt(7);
      for (int w = 0; w < count; w++) {
        words.add(vocabulary.draw());
      }
      words.add("\n");
    }
    return words;
  }

  /** The screen's blocks as a read of the whole 1920x1080 screen, with each word's box. */
  private static TextRecord text(long seq, long at, List<List<String>> screen) {
    List<TextLine> lines = new ArrayList<>();
    for (int b = 0; b < screen.size(); b++) {
      int y = 100 + b * 300;
      int x = 40;
      List<TextWord> words = new ArrayList<>();
      for (String word : screen.get(b)) {
        if (word.equals("\n")) {
          lines.add(new TextLine(b, words));
          words = new ArrayList<>();
          y += LINE_HEIGHT;
          x = 40;
          continue;
        }
        words.add(new TextWord(word, new Rect(x, y, word.length() * GLYPH_WIDTH, 13), 90));
        x += (word.length() + 1) * GLYPH_WIDTH;
      }
    }
    return new TextRecord(seq, at, 0, new Rect(0, 0, 1920, 1080), lines);
  }
}

package dev.ironcliw.benchmarks.run;

import dev.ironcliw.capture.x11.XTestClient;
import java.util.Random;

/**
 * Scripted desktop activity on an X server for the soak run, one step every 100 ms: an editor and a
 * browser window holding text (the server's 6x13 {@code fixed} font, the size of a terminal's), and
 * four phases that take turns: nothing moves, text is typed into the editor (a character a step,
 * about 10 a second), the browser's page of text scrolls (6 pixels a step), and the two windows
 * take turns on top every 2 s.
 */
final class SoakActivity {
  enum Phase {
    IDLE,
    TYPING,
    SCROLLING,
    SWITCHING
  }

  private static final int EDITOR_X = 100;
  private static final int EDITOR_Y = 120;
  private static final int WINDOW_WIDTH = 900;
  private static final int WINDOW_HEIGHT = 700;
  private static final int GLYPH_WIDTH = 6;
  private static final int LINE_HEIGHT = 18;
  private static final int MARGIN = 20;
  private static final int SCROLL_STEP = 6;
  private static final int INK = 0x222222;
  private static final int PAPER = 0xFFFFFF;
  private static final int PAGE = 0xECEFF4;
  private static final String[] WORDS = {
    "the",
    "invoice",
    "for",
    "march",
    "was",
    "approved",
    "by",
    "finance",
    "and",
    "sent",
    "to",
    "the",
    "customer",
    "backup",
    "finished",
    "with",
    "no",
    "errors",
    "deployment",
    "of",
    "build",
    "server",
    "failed",
    "health",
    "check",
    "on",
    "volume",
    "data",
    "meeting",
    "notes",
    "about",
    "quarterly",
    "report",
    "review",
    "pull",
    "request",
    "merged",
    "into",
    "main",
    "branch",
    "release",
    "candidate",
    "tests",
    "passed",
    "in",
    "minutes",
    "user",
    "signed",
    "in",
    "from",
    "a",
    "new",
    "device",
    "password",
    "reset",
    "link",
    "expires",
    "tomorrow",
    "at",
    "noon"
  };

  private final XTestClient x;
  private final long editor;
  private final long browser;
  private int typed;
  private int scrolled;

  SoakActivity(XTestClient x) {
    this.x = x;
    x.rootColour(0x2E3440);
    browser = x.window(820, 160, WINDOW_WIDTH, WINDOW_HEIGHT, PAGE, "browser", "browser");
    editor = x.window(EDITOR_X, EDITOR_Y, WINDOW_WIDTH, WINDOW_HEIGHT, PAPER, "editor", "editor");
    drawPage();
    x.sync();
  }

  /** One 100 ms step of {@code phase}; {@code step} counts from the phase's start. */
  void step(Phase phase, long step) {
    switch (phase) {
      case IDLE -> {
        // nothing changes
      }
      case TYPING -> type();
      case SCROLLING -> {
        scrolled += SCROLL_STEP;
        drawPage();
      }
      case SWITCHING -> {
        if (step % 20 == 0) {
          x.raise(step % 40 == 0 ? browser : editor);
        }
      }
    }
    x.sync();
  }

  private void type() {
    int perLine = (WINDOW_WIDTH - 2 * MARGIN) / GLYPH_WIDTH;
    int lines = (WINDOW_HEIGHT - 2 * MARGIN) / LINE_HEIGHT;
    int line = (typed / perLine) % lines;
    int column = typed % perLine;
    if (typed % (perLine * lines) == 0) {
      x.fill(editor, 0, 0, WINDOW_WIDTH, WINDOW_HEIGHT, PAPER); // a new page
    }
    char next = sentence(typed / perLine).charAt(column);
    if (next != ' ') {
      x.text(
          editor,
          MARGIN + column * GLYPH_WIDTH,
          MARGIN + line * LINE_HEIGHT + 13,
          String.valueOf(next),
          INK);
    }
    typed++;
  }

  /** The browser's page, {@code scrolled} pixels down: each line a sentence of its own. */
  private void drawPage() {
    x.fill(browser, 0, 0, WINDOW_WIDTH, WINDOW_HEIGHT, PAGE);
    int first = scrolled / LINE_HEIGHT;
    int offset = scrolled % LINE_HEIGHT;
    for (int i = 0; MARGIN + i * LINE_HEIGHT - offset < WINDOW_HEIGHT; i++) {
      x.text(browser, MARGIN, MARGIN + i * LINE_HEIGHT - offset + 13, sentence(first + i), INK);
    }
  }

  /**
   * Line {@code n} of the text: words drawn by a generator seeded with {@code n}, so a line reads
   * the same each time it comes back, padded with spaces to the line's width.
   */
  private static String sentence(int n) {
    int width = (WINDOW_WIDTH - 2 * MARGIN) / GLYPH_WIDTH;
    Random random = new Random(n);
    StringBuilder line = new StringBuilder();
    while (true) {
      String word = WORDS[random.nextInt(WORDS.length)];
      if (line.length() + word.length() + 1 > width - 10) {
        break;
      }
      line.append(line.isEmpty() ? "" : " ").append(word);
    }
    return (line + " ".repeat(width)).substring(0, width);
  }
}

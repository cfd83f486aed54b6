package dev.ironcliw.benchmarks.run;

import dev.ironcliw.capture.x11.XTestClient;

/**
 * Scripted desktop activity on an X server for the soak run, one step every 100 ms: an editor and a
 * browser window, and four phases that take turns: nothing moves, a line is typed (a glyph-sized
 * block a step, about 10 characters a second), the browser scrolls (its stripes shift every step),
 * and the two windows take turns on top every 2 s.
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
  private static final int GLYPH_WIDTH = 9;
  private static final int LINE_HEIGHT = 18;
  private static final int STRIPE = 40;

  private final XTestClient x;
  private final long editor;
  private final long browser;
  private int typed;
  private int scrolled;

  SoakActivity(XTestClient x) {
    this.x = x;
    x.rootColour(0x2E3440);
    browser = x.window(820, 160, WINDOW_WIDTH, WINDOW_HEIGHT, 0xECEFF4, "browser", "browser");
    editor =
        x.window(EDITOR_X, EDITOR_Y, WINDOW_WIDTH, WINDOW_HEIGHT, 0xFFFFFF, "editor", "editor");
    drawStripes();
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
        scrolled = (scrolled + 6) % (2 * STRIPE);
        drawStripes();
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
    int perLine = (WINDOW_WIDTH - 40) / GLYPH_WIDTH;
    int lines = (WINDOW_HEIGHT - 40) / LINE_HEIGHT;
    int line = (typed / perLine) % lines;
    int column = typed % perLine;
    if (typed % (perLine * lines) == 0) {
      x.fill(editor, 0, 0, WINDOW_WIDTH, WINDOW_HEIGHT, 0xFFFFFF); // a new page
    }
    if (typed % 7 != 6) { // every seventh is a space
      x.fill(
          editor,
          20 + column * GLYPH_WIDTH,
          20 + line * LINE_HEIGHT,
          GLYPH_WIDTH - 2,
          12,
          0x222222);
    }
    typed++;
  }

  private void drawStripes() {
    for (int y = -STRIPE * 2; y < WINDOW_HEIGHT; y += STRIPE) {
      int top = y + scrolled;
      x.fill(
          browser,
          0,
          Math.max(0, top),
          WINDOW_WIDTH,
          STRIPE,
          (y / STRIPE) % 2 == 0 ? 0xD8DEE9 : 0xECEFF4);
    }
  }
}

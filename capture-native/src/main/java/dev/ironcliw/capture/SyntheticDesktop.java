package dev.ironcliw.capture;

import java.lang.foreign.MemorySegment;

/**
 * A deterministic desktop, drawn from the time since capture started alone, so any run shows the
 * same frames at the same times. Each 60-second cycle: text is typed into a notes window (3 s to
 * about 26 s), a browser window opens and slides in (26 s), stays, and closes (40 s), then the
 * desktop idles. A clock whose colon blinks every second and a text cursor blinking every 500 ms
 * keep small regions changing on a rhythm; their states repeat, as a real screen's do.
 */
public final class SyntheticDesktop implements CaptureSource {
  static final long CYCLE_MILLIS = 60_000;
  static final String TYPED_TEXT =
      "MEETING AT 10:30 WITH THE DESIGN TEAM. BRING THE FRAME RING NUMBERS AND THE DEDUP RATIOS.";
  static final long TYPING_START_MILLIS = 3_000;
  static final long MILLIS_PER_CHAR = 250;
  static final long BROWSER_OPEN_MILLIS = 26_000;
  static final long BROWSER_SLIDE_MILLIS = 3_000;
  static final long BROWSER_CLOSE_MILLIS = 40_000;

  private static final int DESKTOP = 0x2E6E73;
  private static final int TASKBAR = 0x202428;
  private static final int TITLE_BAR = 0x3B4252;
  private static final int WINDOW = 0xECEFF4;
  private static final int INK = 0x2E3440;
  private static final int LIGHT_INK = 0xD8DEE9;
  private static final int CHARS_PER_LINE = 44;

  private final int width;
  private final int height;
  private final double sx;
  private final double sy;
  private final boolean live;
  private long elapsedMillis;

  /** A live desktop: ticks the pipeline cannot take are dropped, as a screen's are. */
  public SyntheticDesktop(int width, int height) {
    this(width, height, true);
  }

  /**
   * @param live false for a desktop drawn as fast as the pipeline takes it, every tick in turn,
   *     like a recording replayed fast (its frames depend on the capture time alone)
   */
  public SyntheticDesktop(int width, int height, boolean live) {
    this.live = live;
    this.width = width;
    this.height = height;
    this.sx = width / 1920.0;
    this.sy = height / 1080.0;
  }

  @Override
  public String name() {
    return "synthetic";
  }

  @Override
  public int maxWidth() {
    return width;
  }

  @Override
  public int maxHeight() {
    return height;
  }

  @Override
  public boolean isLive() {
    return live;
  }

  @Override
  public Grab grab(int display, long elapsedNanos) {
    elapsedMillis = elapsedNanos / 1_000_000;
    return Grab.FRAME;
  }

  @Override
  public int frameWidth() {
    return width;
  }

  @Override
  public int frameHeight() {
    return height;
  }

  @Override
  public String frameLabel() {
    return "synthetic";
  }

  @Override
  public void copyFrameTo(MemorySegment pixels, int strideBytes) {
    Canvas canvas = new Canvas(pixels, width, height, strideBytes);
    long t = elapsedMillis % CYCLE_MILLIS;
    canvas.fillRect(0, 0, width, height, DESKTOP);
    drawTaskbar(canvas);
    drawNotes(canvas, t);
    if (t >= BROWSER_OPEN_MILLIS && t < BROWSER_CLOSE_MILLIS) {
      drawBrowser(canvas, t);
    }
  }

  private void drawTaskbar(Canvas canvas) {
    int barHeight = y(40);
    canvas.fillRect(0, height - barHeight, width, barHeight, TASKBAR);
    long minutes = elapsedMillis / 60_000;
    boolean colon = (elapsedMillis / 1000) % 2 == 0;
    String clock =
        String.format("%02d%s%02d", (9 + minutes / 60) % 24, colon ? ":" : " ", minutes % 60);
    int scale = Math.max(1, y(3));
    canvas.drawText(
        width - Canvas.textWidth(clock, scale) - x(20),
        height - barHeight + (barHeight - 7 * scale) / 2,
        clock,
        scale,
        LIGHT_INK);
  }

  private void drawNotes(Canvas canvas, long t) {
    int left = x(120);
    int top = y(90);
    drawWindow(canvas, left, top, x(900), y(620), "NOTES - IRONCLIW");
    int typed = Math.clamp((t - TYPING_START_MILLIS) / MILLIS_PER_CHAR, 0, TYPED_TEXT.length());
    int scale = Math.max(1, y(3));
    int lineHeight = 10 * scale;
    int line = 0;
    for (int start = 0; start < typed; start += CHARS_PER_LINE, line++) {
      String text = TYPED_TEXT.substring(start, Math.min(typed, start + CHARS_PER_LINE));
      canvas.drawText(left + x(20), top + y(60) + line * lineHeight, text, scale, INK);
    }
    boolean cursorOn = (elapsedMillis / 500) % 2 == 0;
    if (cursorOn) {
      int column = typed % CHARS_PER_LINE;
      int row = typed / CHARS_PER_LINE;
      canvas.fillRect(
          left + x(20) + column * 6 * scale,
          top + y(60) + row * lineHeight,
          Math.max(1, scale / 2 + 1),
          7 * scale,
          INK);
    }
  }

  private void drawBrowser(Canvas canvas, long t) {
    double slide = Math.min(1.0, (t - BROWSER_OPEN_MILLIS) / (double) BROWSER_SLIDE_MILLIS);
    int left = x(1100 - 400 * slide);
    int top = y(200);
    drawWindow(canvas, left, top, x(760), y(520), "BROWSER - DOCS");
    for (int i = 0; i < 8; i++) {
      canvas.fillRect(left + x(30), top + y(80 + i * 50), x(600 - (i % 3) * 120), y(18), LIGHT_INK);
    }
  }

  private void drawWindow(Canvas canvas, int left, int top, int w, int h, String title) {
    canvas.fillRect(left, top, w, h, WINDOW);
    canvas.fillRect(left, top, w, y(36), TITLE_BAR);
    int scale = Math.max(1, y(3));
    canvas.drawText(left + x(12), top + (y(36) - 7 * scale) / 2, title, scale, LIGHT_INK);
  }

  private int x(double designPixels) {
    return (int) Math.round(designPixels * sx);
  }

  private int y(double designPixels) {
    return (int) Math.round(designPixels * sy);
  }
}

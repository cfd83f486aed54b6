package dev.ironcliw.benchmarks.support;

import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.capture.DamageFollowingWrites;
import dev.ironcliw.capture.Grab;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.Rect;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * A screen where, while {@link #typing}, each grab shows one more character typed into a page of
 * text: a 9x16 glyph drawn at the cursor, which moves on along 100-character lines and starts over
 * at the top when the page is full. When not typing, each grab shows the same frame again. It runs
 * for ever.
 *
 * <p>With damage reported, as a compositor does, a grab names the glyph's rectangle and only its
 * rows are copied and hashed again; an unchanged screen answers {@link Grab#UNCHANGED}. Without,
 * the whole frame is copied and hashed each time, as a peer that reads the screen does.
 */
public final class TypingScreen implements CaptureSource {
  private static final int GLYPH_WIDTH = 9;
  private static final int GLYPH_HEIGHT = 16;
  private static final int LINE_HEIGHT = 20;
  private static final int COLUMNS = 100;
  private static final int PAGE_X = 120;
  private static final int PAGE_Y = 90;
  private static final int INK = 0x00202020;

  private final Arena arena = Arena.ofShared();
  private final int width;
  private final int height;
  private final MemorySegment frame;
  private final boolean reportDamage;
  private final DamageFollowingWrites writes;
  private final int lines;

  /** The damage of each cursor position, made once: a grab allocates nothing. */
  private final List<List<Rect>> glyphDamage;

  private boolean typing;
  private boolean grabbed;
  private int typed;
  private List<Rect> damage = List.of();

  public TypingScreen(int width, int height, boolean reportDamage) {
    this.width = width;
    this.height = height;
    this.reportDamage = reportDamage;
    this.frame = arena.allocate((long) width * height * 4, 64);
    this.writes = new DamageFollowingWrites(height, List.of(new Rect(0, 0, width, height)));
    this.lines = Math.max(1, (height - 2 * PAGE_Y) / LINE_HEIGHT);
    int[] desktop = DesktopPicture.rgb(width, height);
    MemorySegment.copy(desktop, 0, frame, ValueLayout.JAVA_INT_UNALIGNED, 0, desktop.length);
    fill(PAGE_X - 8, PAGE_Y - 8, COLUMNS * GLYPH_WIDTH + 16, lines * LINE_HEIGHT + 16, 0x00FFFFFF);
    this.glyphDamage =
        java.util.stream.IntStream.range(0, lines * COLUMNS)
            .mapToObj(at -> List.of(new Rect(glyphX(at), glyphY(at), GLYPH_WIDTH, GLYPH_HEIGHT)))
            .toList();
    writes.changedAll();
  }

  /** From the next grab on, types a character per grab, or shows the same frame. */
  public void typing(boolean typing) {
    this.typing = typing;
  }

  @Override
  public String name() {
    return "typing";
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
    return false;
  }

  @Override
  public Grab grab(int display, long elapsedNanos) {
    if (!grabbed) {
      grabbed = true;
      writes.changedAll(); // the first grab shows the whole screen
      return Grab.FRAME;
    }
    if (!typing) {
      damage = List.of();
      if (reportDamage) {
        return Grab.UNCHANGED;
      }
      writes.changedAll();
      return Grab.FRAME;
    }
    int at = typed++ % glyphDamage.size();
    if (at == 0) {
      fill(PAGE_X, PAGE_Y, COLUMNS * GLYPH_WIDTH, lines * LINE_HEIGHT, 0x00FFFFFF); // a new page
      writes.changedAll();
      damage = List.of();
    } else if (reportDamage) {
      writes.nextVersion();
      writes.changed(glyphY(at), GLYPH_HEIGHT);
      damage = glyphDamage.get(at);
    } else {
      writes.changedAll();
      damage = List.of();
    }
    drawGlyph(glyphX(at), glyphY(at), typed);
    return Grab.FRAME;
  }

  private static int glyphX(int at) {
    return PAGE_X + (at % COLUMNS) * GLYPH_WIDTH;
  }

  private static int glyphY(int at) {
    return PAGE_Y + (at / COLUMNS) * LINE_HEIGHT;
  }

  /** A glyph of ink strokes picked by {@code character}: different for neighbouring characters. */
  private void drawGlyph(int x, int y, int character) {
    int bits = character * 0x9E3779B1;
    for (int row = 2; row < GLYPH_HEIGHT - 2; row++) {
      for (int column = 1; column < GLYPH_WIDTH - 1; column++) {
        boolean ink = ((bits >>> ((row * 3 + column) & 31)) & 1) == 1 || column == 1 + row % 7;
        if (ink) {
          frame.set(
              ValueLayout.JAVA_INT_UNALIGNED, ((long) (y + row) * width + x + column) * 4, INK);
        }
      }
    }
  }

  private void fill(int x, int y, int w, int h, int rgb) {
    for (int row = y; row < y + h; row++) {
      for (int column = x; column < x + w; column++) {
        frame.set(ValueLayout.JAVA_INT_UNALIGNED, ((long) row * width + column) * 4, rgb);
      }
    }
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
    return "typing";
  }

  @Override
  public void copyFrameTo(MemorySegment pixels, int strideBytes) {
    long rowBytes = (long) width * 4;
    for (int y = 0; y < height; y++) {
      MemorySegment.copy(frame, y * rowBytes, pixels, (long) y * strideBytes, rowBytes);
    }
  }

  @Override
  public void writeFrameTo(FrameRingWriter writer) {
    writes.write(writer, 0, frame, 0, (long) width * 4);
  }

  @Override
  public List<Rect> damage() {
    return damage;
  }

  @Override
  public String grabMethod() {
    return reportDamage ? "memory+damage" : "memory";
  }

  /** Frees the frame. */
  @Override
  public void close() {
    arena.close();
  }
}

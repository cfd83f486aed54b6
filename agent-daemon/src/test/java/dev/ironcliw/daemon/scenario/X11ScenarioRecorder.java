package dev.ironcliw.daemon.scenario;

import dev.ironcliw.capture.Grab;
import dev.ironcliw.capture.x11.X11Source;
import dev.ironcliw.ring.Rect;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Records a screen scenario played by real X11 programs under Xvfb: one thread grabs the screen at
 * 10 FPS through the daemon's own X11 capture while another plays the timeline. Each frame is
 * written as {@code NNNNN-LABEL.png} for the replay source.
 *
 * <p>Labels come from the timeline: the script says what kind of action it is playing (a real
 * change or a return to an earlier screen) before it plays it, and a frame whose pixels changed in
 * the area the script acts on carries that kind. Ambient areas (a clock, a blinking cursor, a
 * video) change on their own: a frame that changed only there carries the label of the first such
 * area it changed in, and one that did not change at all is a duplicate. When the script says that
 * nothing is being played (a caret blinking inside the text field that was typed into), a change in
 * an action area must lie in an ambient area too.
 */
public final class X11ScenarioRecorder {
  private static final long FRAME_NANOS = 100_000_000L;

  private final String display;
  private final int width;
  private final int height;
  private final List<Rect> actionAreas;
  private final List<ScenarioArea> ambientAreas;
  private final Path directory;
  private final ExecutorService writer = Executors.newSingleThreadExecutor();
  private final Map<ScenarioLabel, Integer> counts = new EnumMap<>(ScenarioLabel.class);
  private final java.util.Set<Long> screensSeen = new java.util.HashSet<>();

  /** Pixels of the ambient areas that lie outside every action area. */
  private final boolean[] noiseOnly;

  private volatile ScenarioLabel actionKind = ScenarioLabel.REAL;
  private volatile List<Rect> actingIn;
  private volatile boolean recording;
  private Thread recorder;
  private volatile Throwable failure;
  private int frames;

  /**
   * @param actionAreas where the script's actions show (terminal windows, popup)
   * @param ambientAreas what changes on its own, in the order a frame's label is chosen
   */
  public X11ScenarioRecorder(
      String display,
      int width,
      int height,
      List<Rect> actionAreas,
      List<ScenarioArea> ambientAreas,
      Path directory) {
    this.display = display;
    this.width = width;
    this.height = height;
    this.actionAreas = List.copyOf(actionAreas);
    this.actingIn = this.actionAreas;
    this.ambientAreas = List.copyOf(ambientAreas);
    this.directory = directory;
    this.noiseOnly = new boolean[width * height];
    for (ScenarioArea ambient : ambientAreas) {
      Rect a = ambient.area();
      if (actionAreas.stream().allMatch(r -> r.intersect(a) == null)) {
        for (int y = Math.max(0, a.y()); y < Math.min(height, a.y() + a.height()); y++) {
          for (int x = Math.max(0, a.x()); x < Math.min(width, a.x() + a.width()); x++) {
            noiseOnly[y * width + x] = true;
          }
        }
      }
    }
  }

  /**
   * What the next actions are: {@link ScenarioLabel#REAL} or {@link ScenarioLabel#RETURN}, or null
   * while the script plays nothing.
   */
  public void nextActionsAre(ScenarioLabel kind) {
    actingIn = actionAreas;
    actionKind = kind;
  }

  /**
   * As {@link #nextActionsAre}, for actions that show only in {@code area}: a change in the other
   * action areas meanwhile is ambient (a caret blinking in a text field while a notification slides
   * in).
   */
  public void nextActionsIn(ScenarioLabel kind, Rect area) {
    actingIn = List.of(area);
    actionKind = kind;
  }

  public void start() {
    recording = true;
    recorder = new Thread(this::record, "scenario-recorder");
    recorder.start();
  }

  /** Stops recording and waits for every frame file; returns how many frames were recorded. */
  public int stop() throws InterruptedException {
    recording = false;
    recorder.join();
    writer.shutdown();
    if (!writer.awaitTermination(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("frame files still being written after 2 minutes");
    }
    if (failure != null) {
      throw new IllegalStateException("recording failed", failure);
    }
    return frames;
  }

  /** Frames recorded per label. */
  public Map<ScenarioLabel, Integer> counts() {
    return counts;
  }

  private void record() {
    try (X11Source source = X11Source.open(display, List.of("all"), false, List.of(), List.of());
        Arena arena = Arena.ofConfined()) {
      MemorySegment segment = arena.allocate((long) width * height * 4);
      int[] previous = null;
      Path previousFile = null;
      long start = System.nanoTime();
      for (int i = 0; recording; i++) {
        long due = start + i * FRAME_NANOS;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        int[] pixels;
        if (source.grab(0, due - start) == Grab.FRAME) {
          source.copyFrameTo(segment, width * 4);
          pixels = segment.toArray(ValueLayout.JAVA_INT);
        } else {
          pixels = previous; // the damage hint said nothing changed
        }
        ScenarioLabel label = notNew(label(previous, pixels), previous, pixels);
        counts.merge(label, 1, Integer::sum);
        Path file = directory.resolve(String.format("%05d-%s.png", i, label));
        Path copyFrom = label == ScenarioLabel.DUPLICATE ? previousFile : null;
        int[] frame = pixels;
        writer.execute(() -> write(frame, copyFrom, file));
        previousFile = file;
        previous = pixels;
        frames = i + 1;
      }
    } catch (Throwable t) {
      failure = t;
    }
  }

  /**
   * A frame the timeline calls a real change but that shows a screen already recorded, the areas
   * that only ever change on their own (a video) aside, brought nothing new: the caret of the field
   * being typed into turning back on before the key's character shows. It carries the label of the
   * ambient area inside the action area it changed in.
   */
  private ScenarioLabel notNew(ScenarioLabel label, int[] previous, int[] current) {
    boolean seen = !screensSeen.add(screenHash(current));
    if (label != ScenarioLabel.REAL || !seen || previous == null) {
      return label;
    }
    for (ScenarioArea ambient : ambientAreas) {
      boolean inAction = actionAreas.stream().anyMatch(a -> a.intersect(ambient.area()) != null);
      if (inAction
          && changedRows(previous, current).stream()
              .anyMatch(r -> r.intersect(ambient.area()) != null)) {
        return ambient.label();
      }
    }
    return label;
  }

  /** A hash of the screen with the ambient areas that lie outside every action area blanked. */
  private long screenHash(int[] pixels) {
    long hash = 1;
    for (int i = 0; i < pixels.length; i++) {
      if (!noiseOnly[i]) {
        hash = hash * 0x100000001B3L + (pixels[i] & 0xFFFFFF);
      }
    }
    return hash;
  }

  private ScenarioLabel label(int[] previous, int[] current) {
    if (previous == null) {
      return ScenarioLabel.REAL;
    }
    List<Rect> changed = changedRows(previous, current);
    if (changed.isEmpty()) {
      return ScenarioLabel.DUPLICATE;
    }
    ScenarioLabel kind = actionKind;
    List<Rect> acting = actingIn;
    for (Rect r : changed) {
      for (Rect area : acting) {
        if (r.intersect(area) != null && kind != null) {
          return kind;
        }
      }
      if (ambientAreas.stream().allMatch(a -> r.intersect(a.area()) == null)
          && acting.stream().allMatch(a -> r.intersect(a) == null)) {
        throw new IllegalStateException("a change where no action was played: " + r);
      }
    }
    for (ScenarioArea ambient : ambientAreas) {
      for (Rect r : changed) {
        if (r.intersect(ambient.area()) != null) {
          return ambient.label();
        }
      }
    }
    throw new IllegalStateException("a change outside the ambient areas: " + changed.get(0));
  }

  /** The changed pixels, as one-pixel-high runs from the first to the last change of a row. */
  private List<Rect> changedRows(int[] previous, int[] current) {
    List<Rect> rows = new ArrayList<>();
    for (int y = 0; y < height; y++) {
      int first = -1;
      int last = -1;
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        if (((previous[i] ^ current[i]) & 0xFFFFFF) != 0) {
          if (first < 0) {
            first = x;
          }
          last = x;
        }
      }
      if (first >= 0) {
        rows.add(new Rect(first, y, last - first + 1, 1));
      }
    }
    for (Rect r : rows) {
      boolean known = false;
      for (ScenarioArea ambient : ambientAreas) {
        known |= r.intersect(ambient.area()) != null;
      }
      for (Rect area : actionAreas) {
        known |= r.intersect(area) != null;
      }
      if (!known) {
        throw new IllegalStateException("a change outside every scenario area: " + r);
      }
    }
    return rows;
  }

  /** Writes the frame, or copies {@code copyFrom} when it is the same screen. */
  private void write(int[] pixels, Path copyFrom, Path file) {
    try {
      if (copyFrom != null) {
        Files.copy(copyFrom, file);
        return;
      }
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      image.setRGB(0, 0, width, height, pixels, 0, width);
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

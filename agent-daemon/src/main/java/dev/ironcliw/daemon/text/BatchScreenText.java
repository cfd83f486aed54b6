package dev.ironcliw.daemon.text;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.vision.BatchFrame;
import dev.ironcliw.vision.ScreenText;
import dev.ironcliw.vision.ScreenTextSource;
import dev.ironcliw.vision.image.FrameCrop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The text that goes to the vision model with a batch: for each display the batch shows, the lines
 * on screen at its last frame there ({@link VisibleText}) around what changed in the batch (within
 * {@link #AROUND_PIXELS} of a crop; all of them when a whole-screen image goes too), area by area
 * from the top left, each area's lines in the order they were read; at most {@code maxChars}, cut
 * between lines. Sent whole, a screen's text outweighed a typing batch's small crops by far.
 *
 * <p>With it go the boxes of every word the reader redacted ({@link SecretRedactor}) on screen at
 * any moment of the batch: those of the reads visible at its first frame and of every read since. A
 * batch waits until its last frames have been read ({@link ReadProgress}), so that a secret typed
 * just before it is among them; a box that no longer holds a secret is painted over all the same.
 */
public final class BatchScreenText implements ScreenTextSource {
  /** How far around a changed area its text goes with it: some ten lines of a UI font. */
  static final int AROUND_PIXELS = 200;

  private final Journal journal;
  private final int maxChars;
  private final ReadProgress progress;
  private final Duration longestReadWait;

  /**
   * @param maxChars the most characters sent; 0 sends none (secrets are masked all the same)
   * @param progress how far the reader has read
   * @param longestReadWait how long a batch waits for it
   */
  public BatchScreenText(
      Journal journal, int maxChars, ReadProgress progress, Duration longestReadWait) {
    this.journal = journal;
    this.maxChars = maxChars;
    this.progress = progress;
    this.longestReadWait = longestReadWait;
  }

  @Override
  public boolean hasRead(List<BatchFrame> frames) {
    for (var last : lastSeqOfDisplay(frames).entrySet()) {
      if (!progress.hasRead(last.getKey(), last.getValue())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Duration longestReadWait() {
    return longestReadWait;
  }

  @Override
  public ScreenText of(List<BatchFrame> frames) {
    return new ScreenText(linesOf(frames), secretsOf(frames));
  }

  private static Map<Integer, Long> lastSeqOfDisplay(List<BatchFrame> frames) {
    Map<Integer, Long> last = new TreeMap<>();
    for (BatchFrame f : frames) {
      last.merge(f.display(), f.seq(), Math::max);
    }
    return last;
  }

  /** Where redacted words were on each display, at any moment from the batch's first frame on. */
  private Map<Integer, List<Rect>> secretsOf(List<BatchFrame> frames) {
    Map<Integer, Long> firstSeqOfDisplay = new TreeMap<>();
    for (BatchFrame f : frames) {
      firstSeqOfDisplay.merge(f.display(), f.seq(), Math::min);
    }
    Map<Integer, List<Rect>> secrets = new HashMap<>();
    for (var first : firstSeqOfDisplay.entrySet()) {
      List<Rect> boxes = SecretBoxes.of(journal, first.getValue(), first.getKey(), Long.MAX_VALUE);
      if (!boxes.isEmpty()) {
        secrets.put(first.getKey(), boxes);
      }
    }
    return secrets;
  }

  private String linesOf(List<BatchFrame> frames) {
    if (maxChars == 0) {
      return "";
    }
    Map<Integer, Long> lastSeqOfDisplay = lastSeqOfDisplay(frames);
    Map<Integer, List<Rect>> changedOfDisplay = new HashMap<>();
    Set<Integer> wholeDisplays = new HashSet<>();
    for (BatchFrame f : frames) {
      if (f.images().isEmpty()) {
        wholeDisplays.add(f.display()); // what changed is not known
      }
      for (FrameCrop crop : f.images()) {
        if (crop.context()) {
          wholeDisplays.add(f.display());
        }
        changedOfDisplay
            .computeIfAbsent(f.display(), d -> new ArrayList<>())
            .add(crop.source().grownBy(AROUND_PIXELS));
      }
    }
    StringBuilder out = new StringBuilder();
    for (var display : lastSeqOfDisplay.entrySet()) {
      boolean whole = wholeDisplays.contains(display.getKey());
      List<Rect> around = changedOfDisplay.getOrDefault(display.getKey(), List.of());
      List<VisibleText.Line> lines =
          VisibleText.at(journal, display.getValue(), display.getKey()).stream()
              .filter(
                  l -> whole || around.stream().anyMatch(a -> a.intersect(l.line().box()) != null))
              .sorted(
                  Comparator.comparingInt((VisibleText.Line l) -> l.read().area().y())
                      .thenComparingInt(l -> l.read().area().x()))
              .toList();
      if (lines.isEmpty()) {
        continue;
      }
      if (lastSeqOfDisplay.size() > 1 && !append(out, "Display " + display.getKey() + ":")) {
        break;
      }
      for (VisibleText.Line line : lines) {
        if (!append(out, line.line().text())) {
          return out.toString();
        }
      }
    }
    return out.toString();
  }

  /** Appends a line when it fits; false when it does not. */
  private boolean append(StringBuilder out, String line) {
    int needed = (out.isEmpty() ? 0 : 1) + line.length();
    if (out.length() + needed > maxChars) {
      return false;
    }
    if (!out.isEmpty()) {
      out.append('\n');
    }
    out.append(line);
    return true;
  }
}

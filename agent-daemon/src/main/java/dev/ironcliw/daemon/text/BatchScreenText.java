package dev.ironcliw.daemon.text;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.vision.BatchFrame;
import dev.ironcliw.vision.ScreenTextSource;
import dev.ironcliw.vision.image.FrameCrop;
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
 */
public final class BatchScreenText implements ScreenTextSource {
  /** How far around a changed area its text goes with it: some ten lines of a UI font. */
  static final int AROUND_PIXELS = 200;

  private final Journal journal;
  private final int maxChars;

  /**
   * @param maxChars the most characters sent; 0 sends none
   */
  public BatchScreenText(Journal journal, int maxChars) {
    this.journal = journal;
    this.maxChars = maxChars;
  }

  @Override
  public String textOf(List<BatchFrame> frames) {
    if (maxChars == 0) {
      return "";
    }
    Map<Integer, Long> lastSeqOfDisplay = new TreeMap<>();
    Map<Integer, List<Rect>> changedOfDisplay = new HashMap<>();
    Set<Integer> wholeDisplays = new HashSet<>();
    for (BatchFrame f : frames) {
      lastSeqOfDisplay.merge(f.display(), f.seq(), Math::max);
      if (f.images().isEmpty()) {
        wholeDisplays.add(f.display()); // what changed is not known
      }
      for (FrameCrop crop : f.images()) {
        if (crop.context()) {
          wholeDisplays.add(f.display());
        }
        Rect s = crop.source();
        changedOfDisplay
            .computeIfAbsent(f.display(), d -> new ArrayList<>())
            .add(
                new Rect(
                    s.x() - AROUND_PIXELS,
                    s.y() - AROUND_PIXELS,
                    s.width() + 2 * AROUND_PIXELS,
                    s.height() + 2 * AROUND_PIXELS));
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

package dev.ironcliw.daemon.text;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.vision.BatchFrame;
import dev.ironcliw.vision.ScreenTextSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text that goes to the vision model with a batch: for each display the batch shows, the lines
 * on screen at its last frame there ({@link VisibleText}), area by area from the top left, each
 * area's lines in the order they were read; at most {@code maxChars}, cut between lines.
 */
public final class BatchScreenText implements ScreenTextSource {
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
    for (BatchFrame f : frames) {
      lastSeqOfDisplay.merge(f.display(), f.seq(), Math::max);
    }
    StringBuilder out = new StringBuilder();
    for (var display : lastSeqOfDisplay.entrySet()) {
      List<VisibleText.Line> lines =
          VisibleText.at(journal, display.getValue(), display.getKey()).stream()
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

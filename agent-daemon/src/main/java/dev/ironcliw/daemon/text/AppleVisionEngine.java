package dev.ironcliw.daemon.text;

import dev.ironcliw.capture.macos.MacCaptureException;
import dev.ironcliw.capture.macos.MacTextRecognizer;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Text read by Apple's Vision framework ({@code VNRecognizeTextRequest}, accurate, then fast when
 * accurate fails) through the capture shim. Vision gives lines and their words' boxes but no
 * blocks: lines become blocks here where they stack, each under the one before with at most a
 * line's height between them and overlapping it across.
 */
public final class AppleVisionEngine implements TextEngine {
  private final MacTextRecognizer recognizer;
  private final String languageTags;
  private final String description;
  private volatile boolean cancelled;

  /**
   * @param languages as {@code text.languages} ({@code eng+deu}); see {@link LanguageTags}
   */
  public AppleVisionEngine(MacTextRecognizer recognizer, String languages) {
    this.recognizer = recognizer;
    this.languageTags = LanguageTags.bcp47(languages);
    this.description =
        "apple-vision (" + (languageTags.isEmpty() ? "default languages" : languageTags) + ")";
  }

  /**
   * @throws TextEngineUnavailableException naming why Vision cannot be used here
   */
  public static AppleVisionEngine open(String languages) {
    try {
      return new AppleVisionEngine(MacTextRecognizer.load(), languages);
    } catch (MacCaptureException e) {
      throw new TextEngineUnavailableException(e.getMessage());
    }
  }

  @Override
  public String description() {
    return description;
  }

  /**
   * @throws MacCaptureException when Vision could not read the image (counted as failed)
   */
  @Override
  public List<TextLine> read(GreyImage image) {
    if (cancelled) {
      return List.of();
    }
    String words =
        recognizer.recognize(image.pixels(), image.width(), image.height(), languageTags);
    return lines(words, image);
  }

  /** The recognizer's words ({@link MacTextRecognizer#recognize}) as lines in frame pixels. */
  static List<TextLine> lines(String words, GreyImage image) {
    Map<Integer, List<TextWord>> byLine = new TreeMap<>();
    for (String row : words.split("\n")) {
      String[] parts = row.split(" ", 7);
      if (parts.length < 7 || parts[6].isBlank()) {
        continue;
      }
      int scale = image.scale();
      Rect box =
          new Rect(
              image.originX() + Integer.parseInt(parts[1]) / scale,
              image.originY() + Integer.parseInt(parts[2]) / scale,
              Math.max(1, (Integer.parseInt(parts[3]) + scale - 1) / scale),
              Math.max(1, (Integer.parseInt(parts[4]) + scale - 1) / scale));
      byLine
          .computeIfAbsent(Integer.parseInt(parts[0]), l -> new ArrayList<>())
          .add(new TextWord(parts[6], box, Math.clamp(Integer.parseInt(parts[5]), 0, 100)));
    }
    List<List<TextWord>> ordered =
        byLine.values().stream()
            .sorted(
                Comparator.comparingInt((List<TextWord> l) -> top(l))
                    .thenComparingInt(l -> left(l)))
            .toList();
    List<TextLine> lines = new ArrayList<>();
    int block = 0;
    Rect previous = null;
    for (List<TextWord> lineWords : ordered) {
      Rect box = new TextLine(0, lineWords).box();
      if (previous != null && !stacked(previous, box)) {
        block++;
      }
      lines.add(new TextLine(block, lineWords));
      previous = box;
    }
    return lines;
  }

  /** Whether {@code line} continues the block of {@code above}: close under it, overlapping. */
  private static boolean stacked(Rect above, Rect line) {
    int gap = line.y() - (above.y() + above.height());
    boolean across = line.x() < above.x() + above.width() && above.x() < line.x() + line.width();
    return gap <= Math.max(above.height(), line.height()) && across;
  }

  private static int top(List<TextWord> line) {
    return line.stream().mapToInt(w -> w.box().y()).min().orElse(0);
  }

  private static int left(List<TextWord> line) {
    return line.stream().mapToInt(w -> w.box().x()).min().orElse(0);
  }

  /** A read under way runs to its end (Vision has no cancel here); later reads find nothing. */
  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public void close() {
    cancelled = true;
  }
}

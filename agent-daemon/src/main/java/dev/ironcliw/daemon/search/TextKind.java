package dev.ironcliw.daemon.search;

import java.util.Locale;

/** What a text document is: words read off the screen, a window title, an insight. */
public enum TextKind {
  OCR,
  TITLE,
  INSIGHT,
  ACCESSIBILITY;

  /** The name in the index and the API: {@code ocr}, {@code title}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the kinds when {@code label} is none of them
   */
  public static TextKind of(String label) {
    for (TextKind kind : values()) {
      if (kind.label().equals(label.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "kind: \""
            + label
            + "\" is not a text kind (expected ocr, title, insight or accessibility)");
  }
}

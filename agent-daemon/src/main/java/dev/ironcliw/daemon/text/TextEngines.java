package dev.ironcliw.daemon.text;

import dev.ironcliw.config.TextSettings;

/** Chooses the text engine {@code text.engine} asks for, as far as this machine has it. */
public final class TextEngines {
  private TextEngines() {}

  /**
   * @param engine the engine, or null when no text is read
   * @param message the line the start logs: which engine reads, or why none does and what to
   *     install
   */
  public record Choice(TextEngine engine, String message) {}

  public static Choice choose(TextSettings settings) {
    return switch (settings.engine()) {
      case "none" -> new Choice(null, "text: not read (text.engine: none)");
      case "tesseract", "auto" -> {
        try {
          TesseractEngine engine = TesseractEngine.open(settings.languages());
          yield new Choice(engine, "text: read by " + engine.description());
        } catch (TextEngineUnavailableException e) {
          yield new Choice(
              null,
              "text: the text on screen is not read, so search finds window titles and insights"
                  + " only: "
                  + e.getMessage());
        }
      }
      default ->
          throw new IllegalArgumentException("text.engine " + settings.engine() + " is unknown");
    };
  }
}

package dev.ironcliw.daemon.text;

import dev.ironcliw.config.TextSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

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
      case "tesseract" -> open(List.of(() -> TesseractEngine.open(settings.languages())));
      case "apple-vision" -> open(List.of(() -> AppleVisionEngine.open(settings.languages())));
      case "auto" ->
          open(
              com.sun.jna.Platform.isMac()
                  ? List.of(
                      () -> AppleVisionEngine.open(settings.languages()),
                      () -> TesseractEngine.open(settings.languages()))
                  : List.of(() -> TesseractEngine.open(settings.languages())));
      default ->
          throw new IllegalArgumentException("text.engine " + settings.engine() + " is unknown");
    };
  }

  /** The first of {@code engines} this machine has, or none and why each is missing. */
  private static Choice open(List<Supplier<TextEngine>> engines) {
    List<String> missing = new ArrayList<>();
    for (Supplier<TextEngine> opener : engines) {
      try {
        TextEngine engine = opener.get();
        String after = missing.isEmpty() ? "" : " (" + String.join("; ", missing) + ")";
        return new Choice(engine, "text: read by " + engine.description() + after);
      } catch (TextEngineUnavailableException e) {
        missing.add(e.getMessage());
      }
    }
    return new Choice(
        null,
        "text: the text on screen is not read, so search finds window titles and insights only: "
            + String.join("; ", missing));
  }
}

package dev.ironcliw.config;

/**
 * One thing wrong with a configuration, named by its dotted path, e.g. {@code
 * memory.budgets.frameRing: "12XB" is not a size (expected e.g. 512MiB or 25%)}.
 *
 * @param path the dotted key, or {@code (file)} for the document as a whole
 * @param message what was wrong and what was expected
 */
public record ConfigProblem(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}

package dev.ironcliw.config.schema;

import java.util.List;

/**
 * One configuration key: its dotted path, type, default, whether it applies live, its range or
 * choices, and the sentence that documents it. {@link ConfigSchema} lists them all.
 *
 * @param path dotted key, e.g. {@code memory.budgets.frameRing}
 * @param type how the value is parsed
 * @param defaultValue the default as it would be written in the file
 * @param live true when a running daemon applies a change without restart
 * @param min lowest allowed value written in the type's units, or null
 * @param max highest allowed value written in the type's units, or null
 * @param choices allowed values for {@link ValueType#CHOICE}, else empty
 * @param description one or two sentences for the default file and the README
 */
public record Setting(
    String path,
    ValueType type,
    String defaultValue,
    boolean live,
    String min,
    String max,
    List<String> choices,
    String description) {

  public Setting {
    choices = List.copyOf(choices);
  }

  /** The last segment of the path, the key as written in YAML. */
  public String key() {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** The section the key sits in, empty for top-level keys. */
  public String section() {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  /** What a valid value looks like, for error messages and documentation. */
  public String expected() {
    if (type == ValueType.CHOICE) {
      return "one of " + String.join(", ", choices);
    }
    if (!choices.isEmpty()) {
      return "a list of names from " + String.join(", ", choices);
    }
    if (min != null && max != null) {
      return type.noun() + " from " + min + " to " + max;
    }
    return type.example();
  }
}

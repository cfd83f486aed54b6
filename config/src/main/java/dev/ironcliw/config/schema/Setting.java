package dev.ironcliw.config.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its dotted path, type, default, whether it applies live, its range or
 * choices, the sentence that documents it, and the Java type of its value ({@code T}). {@link
 * ConfigSchema} holds them all as constants, so code reads a value through its key's type: {@code
 * ConfigSchema.CAPTURE_FPS.valueIn(values)} is a {@code Double}. Immutable.
 *
 * @param <T> the Java type of the key's value
 */
public final class Setting<T> {
  private final String path;
  private final ValueType type;
  private final String defaultValue;
  private final boolean live;
  private final String min;
  private final String max;
  private final List<String> choices;
  private final String description;
  private final Function<Object, T> reader;

  /**
   * @param path dotted key, e.g. {@code memory.budgets.frameRing}
   * @param type how the value is parsed
   * @param defaultValue the default as it would be written in the file
   * @param live true when a running daemon applies a change without restart
   * @param min lowest allowed value written in the type's units, or null
   * @param max highest allowed value written in the type's units, or null
   * @param choices allowed values for {@link ValueType#CHOICE}, else empty
   * @param description one or two sentences for the default file and the README
   * @param reader the value as {@code T}, from what {@link ValueType#parse} made of the text
   */
  Setting(
      String path,
      ValueType type,
      String defaultValue,
      boolean live,
      String min,
      String max,
      List<String> choices,
      String description,
      Function<Object, T> reader) {
    this.path = path;
    this.type = type;
    this.defaultValue = defaultValue;
    this.live = live;
    this.min = min;
    this.max = max;
    this.choices = List.copyOf(choices);
    this.description = description;
    this.reader = reader;
  }

  /** The same key, its value read as {@code U}. */
  <U> Setting<U> readAs(Function<Object, U> valueReader) {
    return new Setting<>(
        path, type, defaultValue, live, min, max, choices, description, valueReader);
  }

  /**
   * This key's value among parsed values (path to what {@link ValueType#parse} made of the text).
   *
   * @throws NullPointerException when {@code parsed} has no value for this key
   */
  public T valueIn(Map<String, ?> parsed) {
    return reader.apply(Objects.requireNonNull(parsed.get(path), path));
  }

  public String path() {
    return path;
  }

  public ValueType type() {
    return type;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public boolean live() {
    return live;
  }

  public String min() {
    return min;
  }

  public String max() {
    return max;
  }

  public List<String> choices() {
    return choices;
  }

  public String description() {
    return description;
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

  @Override
  public String toString() {
    return path;
  }
}

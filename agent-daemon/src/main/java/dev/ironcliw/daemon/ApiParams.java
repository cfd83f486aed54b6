package dev.ironcliw.daemon;

import java.util.EnumSet;
import java.util.Locale;

/** Parsing of the API's list parameters, with errors that name the parameter. */
final class ApiParams {
  private ApiParams() {}

  /**
   * The constants a comma list names, matched without regard to case; empty for a missing or blank
   * list.
   *
   * @param noun what one name is, e.g. "a verdict"
   * @param choices the names accepted, as the error message lists them
   * @throws IllegalArgumentException naming {@code param} and the name it does not know
   */
  static <E extends Enum<E>> EnumSet<E> enumList(
      String text, Class<E> type, String param, String noun, String choices) {
    EnumSet<E> found = EnumSet.noneOf(type);
    if (text == null || text.isBlank()) {
      return found;
    }
    for (String name : text.split(",")) {
      try {
        found.add(Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            param + ": \"" + name + "\" is not " + noun + " (expected " + choices + ")");
      }
    }
    return found;
  }
}

package dev.ironcliw.daemon.api;

import java.util.EnumSet;
import java.util.Locale;

/** What the API accepts: the size of a request body, and its list parameters. */
final class ApiParams {
  /** The largest request body any route reads; a larger Content-Length is refused at once. */
  static final int MAX_BODY_BYTES = 16 * 1024;

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

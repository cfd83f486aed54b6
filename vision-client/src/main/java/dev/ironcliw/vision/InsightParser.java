package dev.ironcliw.vision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * Reads the model's reply into an {@link Insight}. Models wrap JSON in code fences or put words
 * around it, so the first balanced JSON object in the text is taken; a reply without one, or with
 * fields of the wrong kind, is {@link Result.Invalid} with the reason, never an exception.
 */
public final class InsightParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A parsed insight, or why the reply was not one. */
  public sealed interface Result {
    /** The reply held a valid insight. */
    record Valid(Insight insight) implements Result {}

    /** It did not; {@code reason} says what was wrong and what was expected. */
    record Invalid(String reason) implements Result {}
  }

  private InsightParser() {}

  public static Result parse(String reply) {
    if (reply == null || reply.isBlank()) {
      return new Result.Invalid("empty reply, expected a JSON object");
    }
    String object = firstObject(reply);
    if (object == null) {
      return new Result.Invalid("no JSON object in the reply, expected {\"activity\": ...}");
    }
    JsonNode root;
    try {
      root = JSON.readTree(object);
    } catch (JsonProcessingException e) {
      return new Result.Invalid(
          "the reply's JSON object does not parse: " + e.getOriginalMessage());
    }
    JsonNode activity = root.path("activity");
    if (!activity.isTextual() || activity.asText().isBlank()) {
      return new Result.Invalid("\"activity\" missing or not text, expected a sentence");
    }
    Boolean needsHelp = bool(root.path("needsHelp"));
    if (needsHelp == null) {
      return new Result.Invalid("\"needsHelp\" missing or not true/false");
    }
    JsonNode confidenceNode = root.path("confidence");
    if (!confidenceNode.isNumber()) {
      return new Result.Invalid("\"confidence\" missing or not a number, expected 0 to 1");
    }
    double confidence = confidenceNode.asDouble();
    if (confidence > 1 && confidence <= 100) {
      confidence /= 100; // a percentage
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      return new Result.Invalid("\"confidence\" " + confidenceNode + " is not between 0 and 1");
    }
    return new Result.Valid(
        new Insight(
            activity.asText().strip(),
            text(root.path("app")),
            needsHelp,
            text(root.path("suggestion")),
            confidence));
  }

  /** Text of a field; empty when it is missing or null. */
  private static String text(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText().strip() : "";
  }

  private static Boolean bool(JsonNode node) {
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isTextual()) {
      return switch (node.asText().strip().toLowerCase(Locale.ROOT)) {
        case "true", "yes" -> true;
        case "false", "no" -> false;
        default -> null;
      };
    }
    return null;
  }

  /** The first balanced {...} of {@code text}, braces inside JSON strings ignored; or null. */
  static String firstObject(String text) {
    int start = text.indexOf('{');
    while (start >= 0) {
      int depth = 0;
      boolean inString = false;
      for (int i = start; i < text.length(); i++) {
        char c = text.charAt(i);
        if (inString) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '{') {
          depth++;
        } else if (c == '}' && --depth == 0) {
          return text.substring(start, i + 1);
        }
      }
      start = text.indexOf('{', start + 1);
    }
    return null;
  }
}

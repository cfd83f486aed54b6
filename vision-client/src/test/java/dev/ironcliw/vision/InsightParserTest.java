package dev.ironcliw.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class InsightParserTest {
  private static Insight valid(String reply) {
    return assertInstanceOf(InsightParser.Result.Valid.class, InsightParser.parse(reply)).insight();
  }

  private static String invalid(String reply) {
    return assertInstanceOf(InsightParser.Result.Invalid.class, InsightParser.parse(reply))
        .reason();
  }

  @Test
  void shouldReadAPlainObject() {
    Insight insight =
        valid(
            "{\"activity\": \"reading a build log\", \"app\": \"xterm\", \"needsHelp\": true,"
                + " \"suggestion\": \"the test in line 40 fails: run it alone\", \"confidence\":"
                + " 0.7}");
    assertEquals(
        new Insight(
            "reading a build log", "xterm", true, "the test in line 40 fails: run it alone", 0.7),
        insight);
  }

  @Test
  void shouldReadAnObjectInCodeFencesWithWordsAround() {
    Insight insight =
        valid(
            "Here is my analysis:\n```json\n{\"activity\": \"typing {braces} in a shell\","
                + " \"needsHelp\": \"no\", \"confidence\": 80}\n```\nHope it helps {really}.");
    assertEquals("typing {braces} in a shell", insight.activity());
    assertEquals("", insight.app(), "missing app is empty");
    assertEquals(false, insight.needsHelp());
    assertEquals(0.8, insight.confidence(), 1e-9, "a percentage is scaled");
  }

  @Test
  void shouldSayWhatIsWrongWithAnInvalidReply() {
    assertEquals("empty reply, expected a JSON object", invalid("  "));
    assertEquals(
        "no JSON object in the reply, expected {\"activity\": ...}", invalid("I cannot see"));
    assertEquals(
        "\"activity\" missing or not text, expected a sentence",
        invalid("{\"needsHelp\": false, \"confidence\": 0.5}"));
    assertEquals(
        "\"needsHelp\" missing or not true/false",
        invalid("{\"activity\": \"x\", \"needsHelp\": \"maybe\", \"confidence\": 0.5}"));
    assertEquals(
        "\"confidence\" missing or not a number, expected 0 to 1",
        invalid("{\"activity\": \"x\", \"needsHelp\": true}"));
    assertEquals(
        "\"confidence\" -3 is not between 0 and 1",
        invalid("{\"activity\": \"x\", \"needsHelp\": true, \"confidence\": -3}"));
    assertEquals(
        "no JSON object in the reply, expected {\"activity\": ...}",
        invalid("{\"activity\": \"cut off"));
  }
}

package dev.ironcliw.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The complete default configuration, damaged at random: characters flipped to YAML's special ones,
 * lines dropped, duplicated or cut short, indentation shifted, the text truncated. Every result is
 * a configuration or a {@link ConfigException} whose problems are one line each and name where;
 * nothing else is ever thrown.
 */
class ConfigParserFuzzTest {
  private static final int ROUNDS = 2_000;
  private static final String SPECIAL = ":-{}[]&*!|>'\"%@`#,?\t\n ";

  @Test
  void shouldAnswerEveryDamagedFileWithAConfigurationOrClearProblems() {
    String original = DefaultConfigFile.render();
    ConfigLoader loader = ConfigLoader.forThisMachine();
    Random random = new Random(17);
    int valid = 0;
    int refused = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String damaged = damage(original, random);
      try {
        loader.parse(damaged, "fuzz.yaml", Map.of());
        valid++;
      } catch (ConfigException e) {
        refused++;
        assertFalse(e.problems().isEmpty(), "a refusal without a problem, round " + round);
        for (ConfigProblem problem : e.problems()) {
          String line = problem.toString();
          assertFalse(line.isBlank(), "an empty problem, round " + round);
          assertFalse(line.contains("\n"), "a problem over two lines: " + line);
          assertFalse(problem.message().contains("Exception"), "a raw exception: " + line);
        }
      } catch (RuntimeException e) {
        throw new AssertionError("round " + round + " threw " + e + " for:\n" + damaged, e);
      }
    }
    assertTrue(refused > ROUNDS / 4, "refused " + refused + ", valid " + valid);
  }

  private static String damage(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(6)) {
        case 0 -> out.setCharAt(at, SPECIAL.charAt(random.nextInt(SPECIAL.length())));
        case 1 -> out.insert(at, SPECIAL.charAt(random.nextInt(SPECIAL.length())));
        case 2 -> {
          int end = out.indexOf("\n", at);
          out.delete(at, end < 0 ? out.length() : end);
        }
        case 3 -> {
          int start = out.lastIndexOf("\n", at - 1) + 1;
          int end = out.indexOf("\n", at);
          String line = out.substring(start, end < 0 ? out.length() : end);
          out.insert(start, line + "\n");
        }
        case 4 -> out.insert(out.lastIndexOf("\n", at) + 1, "  ".repeat(1 + random.nextInt(2)));
        default -> out.setLength(at);
      }
      if (out.isEmpty()) {
        break;
      }
    }
    return out.toString();
  }
}

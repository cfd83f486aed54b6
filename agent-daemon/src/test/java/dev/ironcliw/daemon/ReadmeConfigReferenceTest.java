package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.schema.ConfigSchema;
import dev.ironcliw.config.schema.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists every key with its default and live flag. */
class ReadmeConfigReferenceTest {
  @Test
  void shouldDocumentEveryConfigurationKeyWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Setting<?> s : ConfigSchema.settings()) {
      String defaultText = s.defaultValue().isEmpty() ? "\"\"" : s.defaultValue();
      String row =
          "| `" + s.path() + "` | `" + defaultText + "` | " + (s.live() ? "yes" : "no") + " |";
      assertTrue(readme.contains(row), "README.md lacks the row starting " + row);
    }
  }
}

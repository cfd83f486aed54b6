package dev.ironcliw.config;

import dev.ironcliw.config.schema.ConfigSchema;
import dev.ironcliw.config.schema.Setting;
import dev.ironcliw.config.schema.ValueType;
import java.util.ArrayList;
import java.util.List;

/** Renders the complete, commented default configuration file from {@link ConfigSchema}. */
public final class DefaultConfigFile {
  private DefaultConfigFile() {}

  public static String render() {
    StringBuilder out = new StringBuilder();
    out.append("# Ironcliw configuration. Every key is shown with its default.\n")
        .append("# Keys marked [live] apply to a running daemon when this file is saved;\n")
        .append("# the others take effect at the next start.\n");
    List<String> openSections = new ArrayList<>();
    for (Setting<?> s : ConfigSchema.settings()) {
      List<String> sections = s.section().isEmpty() ? List.of() : List.of(s.section().split("\\."));
      int common = 0;
      while (common < openSections.size()
          && common < sections.size()
          && openSections.get(common).equals(sections.get(common))) {
        common++;
      }
      for (int depth = common; depth < sections.size(); depth++) {
        if (depth == 0) {
          out.append('\n');
        }
        out.append("  ".repeat(depth)).append(sections.get(depth)).append(":\n");
      }
      openSections = sections;
      String indent = "  ".repeat(sections.size());
      for (String line :
          wrap(s.description() + (s.live() ? " [live]" : ""), 88 - indent.length())) {
        out.append(indent).append("# ").append(line).append('\n');
      }
      out.append(indent)
          .append("# Expected: ")
          .append(s.expected())
          .append(".\n")
          .append(indent)
          .append(s.key())
          .append(": ")
          .append(isList(s) && s.defaultValue().isEmpty() ? "[]" : yamlScalar(s.defaultValue()))
          .append('\n');
    }
    return out.toString();
  }

  private static boolean isList(Setting<?> s) {
    return s.type() == ValueType.NAME_LIST || s.type() == ValueType.PATTERN_LIST;
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String yamlScalar(String value) {
    return value.isEmpty() || value.endsWith("%") ? "\"" + value + "\"" : value;
  }
}

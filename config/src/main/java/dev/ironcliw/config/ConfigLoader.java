package dev.ironcliw.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ironcliw.config.schema.ConfigSchema;
import dev.ironcliw.config.schema.Setting;
import dev.ironcliw.config.schema.Units;
import dev.ironcliw.config.schema.ValueType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the YAML file into an {@link IroncliwConfig}: flattens it to dotted keys, applies
 * command-line overrides, parses every value with {@link ValueType}, checks ranges and cross-key
 * rules, and reports every problem at once. Thread-safe.
 */
public final class ConfigLoader {
  /**
   * The YAML parser's message on one line: its unindented lines (what it was doing, what it found),
   * without the indented marks and excerpts of the text, which the line and column replace.
   */
  static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    return String.join(
        ", ",
        message
            .lines()
            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
            .map(String::strip)
            .toList());
  }

  /** The largest configuration file read: a real one is a few KiB. */
  public static final long MAX_FILE_BYTES = 1 << 20;

  private static final YAMLMapper YAML = yamlMapper();

  /** Jackson's YAML reader, held to the file cap and to few aliases (no "billion laughs"). */
  private static YAMLMapper yamlMapper() {
    LoaderOptions limits = new LoaderOptions();
    limits.setCodePointLimit((int) MAX_FILE_BYTES);
    limits.setMaxAliasesForCollections(20);
    limits.setNestingDepthLimit(20);
    return YAMLMapper.builder(YAMLFactory.builder().loaderOptions(limits).build())
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  private static final String TOTAL = "memory.total";
  private static final String BUDGETS = "memory.budgets";

  private final long physicalMemoryBytes;

  public ConfigLoader(long physicalMemoryBytes) {
    this.physicalMemoryBytes = physicalMemoryBytes;
  }

  /** A loader that resolves percentages against this machine's physical memory. */
  public static ConfigLoader forThisMachine() {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new ConfigLoader(os.getTotalMemorySize());
  }

  public long physicalMemoryBytes() {
    return physicalMemoryBytes;
  }

  /**
   * Loads {@code file}; a missing file is an error when {@code mustExist}, else the defaults.
   *
   * @throws ConfigException listing every problem
   */
  public IroncliwConfig load(Path file, boolean mustExist, Map<String, String> overrides) {
    return parse(read(file, mustExist), file.toString(), overrides, Map.of());
  }

  /**
   * The file's text; empty when it is missing and need not exist.
   *
   * @throws ConfigException when it cannot be read, or is missing and must exist
   */
  public static String read(Path file, boolean mustExist) {
    String text;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new ConfigException(file.toString(), List.of(tooLarge(size)));
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      if (mustExist) {
        throw new ConfigException(
            file.toString(), List.of(new ConfigProblem("(file)", "does not exist")));
      }
      text = "";
    } catch (IOException e) {
      throw new ConfigException(
          file.toString(), List.of(new ConfigProblem("(file)", "cannot be read: " + e)));
    }
    return text;
  }

  /** The problem of a file over {@link #MAX_FILE_BYTES}. */
  static ConfigProblem tooLarge(long size) {
    return new ConfigProblem(
        "(file)",
        "is "
            + size
            + " bytes; a configuration file of at most "
            + (MAX_FILE_BYTES >> 10)
            + " KiB is read");
  }

  /**
   * Parses YAML text; {@code overrides} (dotted key to raw value) win over the text.
   *
   * @throws ConfigException listing every problem
   */
  public IroncliwConfig parse(String yamlText, String sourceName, Map<String, String> overrides) {
    return parse(yamlText, sourceName, overrides, Map.of());
  }

  /**
   * Parses YAML text with two layers on top: command-line {@code flags}, then values set through
   * the API ({@code apiValues}), which win.
   *
   * @throws ConfigException listing every problem
   */
  public IroncliwConfig parse(
      String yamlText,
      String sourceName,
      Map<String, String> flags,
      Map<String, String> apiValues) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, String> raw = new LinkedHashMap<>();
    Map<String, ConfigSource> sources = new LinkedHashMap<>();
    for (Setting<?> s : ConfigSchema.settings()) {
      raw.put(s.path(), s.defaultValue());
      sources.put(s.path(), ConfigSource.DEFAULT);
    }
    Map<String, String> fromFile = new LinkedHashMap<>();
    readDocument(yamlText, fromFile, problems);
    layer(fromFile, ConfigSource.FILE, raw, sources, problems);
    layer(flags, ConfigSource.FLAG, raw, sources, problems);
    layer(apiValues, ConfigSource.API, raw, sources, problems);
    Map<String, Object> values = new LinkedHashMap<>();
    long totalBytes = physicalMemoryBytes;
    for (Setting<?> s : ConfigSchema.settings()) {
      // A component budget's percentage is of memory.total, read before the budgets.
      long percentOf = s.section().equals(BUDGETS) ? totalBytes : physicalMemoryBytes;
      if (s.section().equals(BUDGETS) && sources.get(s.path()) == ConfigSource.DEFAULT) {
        // A default share is checked against its budget's minimum once the budgets set in the
        // file are known (DefaultBudgets).
        values.put(s.path(), s.type().parse(raw.get(s.path()), percentOf));
        continue;
      }
      parseValue(s, raw.get(s.path()), problems, percentOf).ifPresent(v -> values.put(s.path(), v));
      if (s.path().equals(TOTAL) && values.get(TOTAL) instanceof Long total) {
        totalBytes = total;
      }
    }
    if (problems.isEmpty()) {
      DefaultBudgets.fit(values, raw, sources, problems);
    }
    if (problems.isEmpty()) {
      checkAcrossKeys(values, raw, sources, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(sourceName, problems);
    }
    return IroncliwConfig.from(values, raw, sources);
  }

  private static void layer(
      Map<String, String> values,
      ConfigSource source,
      Map<String, String> raw,
      Map<String, ConfigSource> sources,
      List<ConfigProblem> problems) {
    for (Map.Entry<String, String> v : values.entrySet()) {
      if (ConfigSchema.find(v.getKey()).isEmpty()) {
        problems.add(new ConfigProblem(v.getKey(), "is not a configuration key"));
      } else {
        raw.put(v.getKey(), v.getValue());
        sources.put(v.getKey(), source);
      }
    }
  }

  private static void readDocument(
      String yamlText, Map<String, String> raw, List<ConfigProblem> problems) {
    if (yamlText.isBlank()) {
      return;
    }
    JsonNode root;
    try {
      root = YAML.readTree(yamlText);
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      String at =
          where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
      problems.add(
          new ConfigProblem(
              "(file)", "is not valid YAML" + at + ": " + oneLine(e.getOriginalMessage())));
      return;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      problems.add(new ConfigProblem("(file)", "must be a mapping of keys, e.g. 'capture:'"));
      return;
    }
    flatten("", root, raw, problems);
  }

  private static void flatten(
      String prefix, JsonNode node, Map<String, String> raw, List<ConfigProblem> problems) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      boolean known = ConfigSchema.find(path).isPresent();
      boolean section = ConfigSchema.isSection(path);
      if (!known && !section) {
        String hint = ConfigSchema.closest(path).map(c -> " (did you mean " + c + "?)").orElse("");
        problems.add(new ConfigProblem(path, "is not a known key" + hint));
      } else if (section) {
        if (value.isObject()) {
          flatten(path, value, raw, problems);
        } else if (!value.isNull()) {
          problems.add(new ConfigProblem(path, "is a section and must hold keys, not a value"));
        }
      } else if (value.isArray() && isList(path)) {
        java.util.List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
          if (!item.isValueNode() || item.isNull()) {
            problems.add(new ConfigProblem(path, "list items must be plain names"));
            return;
          }
          items.add(item.asText());
        }
        raw.put(path, String.join("\n", items));
      } else if (value.isObject() || value.isArray()) {
        problems.add(new ConfigProblem(path, "must be a single value, not a list or mapping"));
      } else if (value.isNull()) {
        problems.add(new ConfigProblem(path, "has no value (remove the key to use the default)"));
      } else {
        raw.put(path, value.asText());
      }
    }
  }

  private static boolean isList(String path) {
    return ConfigSchema.find(path)
        .map(s -> s.type() == ValueType.NAME_LIST || s.type() == ValueType.PATTERN_LIST)
        .orElse(false);
  }

  private static java.util.Optional<Object> parseValue(
      Setting<?> s, String text, List<ConfigProblem> problems, long percentOfBytes) {
    Object value;
    try {
      value = s.type().parse(text, percentOfBytes);
    } catch (IllegalArgumentException e) {
      problems.add(
          new ConfigProblem(
              s.path(),
              "\"" + text + "\" is not " + s.type().noun() + " (expected " + s.expected() + ")"));
      return java.util.Optional.empty();
    }
    if (s.type() == ValueType.CHOICE && !s.choices().contains(value)) {
      problems.add(
          new ConfigProblem(
              s.path(), "\"" + text + "\" is not allowed (expected " + s.expected() + ")"));
      return java.util.Optional.empty();
    }
    if (s.type() == ValueType.NAME_LIST && !s.choices().isEmpty()) {
      List<?> unknown = ((List<?>) value).stream().filter(n -> !s.choices().contains(n)).toList();
      if (!unknown.isEmpty()) {
        problems.add(
            new ConfigProblem(
                s.path(),
                "\"" + unknown.getFirst() + "\" is not allowed (expected " + s.expected() + ")"));
        return java.util.Optional.empty();
      }
    }
    double magnitude = ValueType.magnitude(value);
    boolean belowMin =
        s.min() != null && magnitude < ValueType.magnitude(s.type().parse(s.min(), percentOfBytes));
    boolean aboveMax =
        s.max() != null && magnitude > ValueType.magnitude(s.type().parse(s.max(), percentOfBytes));
    if (belowMin || aboveMax) {
      problems.add(
          new ConfigProblem(
              s.path(), "\"" + text + "\" is out of range (expected " + s.expected() + ")"));
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(value);
  }

  private static void checkAcrossKeys(
      Map<String, Object> values,
      Map<String, String> raw,
      Map<String, ConfigSource> sources,
      List<ConfigProblem> problems) {
    if (((List<?>) values.get("capture.displays")).isEmpty()) {
      problems.add(
          new ConfigProblem(
              "capture.displays", "is empty (expected all, primary or at least one monitor name)"));
    }
    long total = (Long) values.get(TOTAL);
    long ring = (Long) values.get("memory.budgets.frameRing");
    long sum = 0;
    List<String> parts = new ArrayList<>();
    for (Setting<?> s : ConfigSchema.settings()) {
      // The budgets left at their shares have been fitted into what the others leave.
      if (s.section().equals(BUDGETS) && sources.get(s.path()) != ConfigSource.DEFAULT) {
        long bytes = (Long) values.get(s.path());
        sum += bytes;
        parts.add(s.key() + " " + Units.formatBytes(bytes));
      }
    }
    if (ring <= total && sum > total) {
      problems.add(
          new ConfigProblem(
              BUDGETS,
              "set explicitly, together "
                  + Units.formatBytes(sum)
                  + " ("
                  + String.join(", ", parts)
                  + "), more than memory.total ("
                  + Units.formatBytes(total)
                  + "), with nothing left for the budgets at their shares; lower a budget or"
                  + " raise the total"));
    }
    double medium = (Double) values.get("memory.pressure.medium");
    double high = (Double) values.get("memory.pressure.high");
    double critical = (Double) values.get("memory.pressure.critical");
    if (!(medium < high && high < critical)) {
      problems.add(
          new ConfigProblem(
              "memory.pressure",
              "medium ("
                  + medium
                  + "), high ("
                  + high
                  + ") and critical ("
                  + critical
                  + ") must rise in that order"));
    }
    if (ring > total) {
      problems.add(
          new ConfigProblem(
              "memory.budgets.frameRing",
              "\""
                  + raw.get("memory.budgets.frameRing")
                  + "\" ("
                  + Units.formatBytes(ring)
                  + ") is more than memory.total ("
                  + Units.formatBytes(total)
                  + ")"));
    }
  }
}

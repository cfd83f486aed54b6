package dev.ironcliw.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.schema.ConfigSchema;
import dev.ironcliw.config.schema.DefaultExclusions;
import dev.ironcliw.config.schema.Setting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader(16L << 30);

  @Test
  void shouldUseEveryDefaultForAnEmptyFile() {
    IroncliwConfig config = loader.parse("", "test", Map.of());
    assertEquals("auto", config.capture().source());
    assertEquals(10.0, config.capture().framesPerSecond());
    assertEquals(512L << 20, config.memory().totalBytes());
    assertEquals((long) ((512L << 20) * 0.4), config.memory().frameRingBytes());
    assertEquals(7117, config.api().port());
    assertEquals(Duration.ofSeconds(2), config.vision().batchMaxWait());
  }

  @Test
  void shouldGiveEveryBudgetItsShareOfATotalSetAlone() {
    IroncliwConfig config = loader.parse("memory:\n  total: 1GiB\n", "test", Map.of());
    MemorySettings m = config.memory();
    long budgets =
        m.frameRingBytes()
            + m.dedupBytes()
            + m.visionQueueBytes()
            + m.gpuBuffersBytes()
            + m.journalCachesBytes()
            + m.textIndexBytes()
            + m.heapBytes();
    assertTrue(budgets <= 1L << 30, "the shares fit: " + budgets);
    assertTrue(budgets > (1L << 30) * 0.99, "and use the total: " + budgets);
    assertEquals((long) ((1L << 30) * 0.4), m.frameRingBytes());
  }

  @Test
  void shouldShrinkTheSharesToMakeRoomForABudgetSetExplicitly() {
    IroncliwConfig config =
        loader.parse(
            "memory:\n  total: 512MiB\n  budgets:\n    frameRing: 400MiB\n", "test", Map.of());
    MemorySettings m = config.memory();
    assertEquals(400L << 20, m.frameRingBytes());
    long others =
        m.dedupBytes()
            + m.visionQueueBytes()
            + m.gpuBuffersBytes()
            + m.journalCachesBytes()
            + m.textIndexBytes()
            + m.heapBytes();
    assertTrue(others <= 112L << 20, "the others share what is left: " + others);
    assertEquals(0.35 / 0.6, (double) m.heapBytes() / others, 0.01, "in proportion");
  }

  @Test
  void shouldRefuseATotalTooSmallForTheSharesWithTheLeastThatWorks() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> loader.parse("memory:\n  total: 100MiB\n", "test", Map.of()));
    assertTrue(
        e.getMessage().contains("memory.total: \"100MiB\" is too small")
            && e.getMessage().contains("memory.budgets.heap (35%) is 35.0MiB, under the 64.0MiB")
            && e.getMessage().contains("must be at least 183.0MiB"),
        e.getMessage());
  }

  @Test
  void shouldRefuseExplicitBudgetsThatLeaveTooLittleForTheShares() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    "memory:\n  total: 512MiB\n  budgets:\n    frameRing: 480MiB\n",
                    "test",
                    Map.of()));
    assertTrue(
        e.getMessage().contains("set explicitly (frameRing 480.0MiB), they leave 32.0MiB")
            && e.getMessage().contains("memory.budgets.journalCaches would get"),
        e.getMessage());
  }

  @Test
  void shouldReadNestedKeysAndPercentages() {
    String yaml =
        """
        capture:
          fps: 5
          source: synthetic
        memory:
          total: 50%
          budgets:
            frameRing: 1GiB
        """;
    IroncliwConfig config = loader.parse(yaml, "test", Map.of());
    assertEquals(5.0, config.capture().framesPerSecond());
    assertEquals("synthetic", config.capture().source());
    assertEquals(8L << 30, config.memory().totalBytes());
    assertEquals(1L << 30, config.memory().frameRingBytes());
  }

  @Test
  void shouldReadDisplaysAsAYamlListOrCommaSeparatedNames() {
    assertEquals(java.util.List.of("all"), loader.parse("", "test", Map.of()).capture().displays());
    assertEquals(
        java.util.List.of("DP-1", "HDMI-1"),
        loader
            .parse("capture:\n  displays: [DP-1, HDMI-1]\n", "test", Map.of())
            .capture()
            .displays());
    assertEquals(
        java.util.List.of("DP-1", "HDMI-1"),
        loader
            .parse("capture:\n  displays: DP-1, HDMI-1\n", "test", Map.of())
            .capture()
            .displays());
    assertThrows(
        ConfigException.class, () -> loader.parse("capture:\n  displays: []\n", "test", Map.of()));
  }

  @Test
  void shouldReadPrivacyRulesAndRejectABadPattern() {
    IroncliwConfig config =
        loader.parse(
            "privacy:\n  exclude:\n    apps: [KeePassXC]\n    titles: ['(?i)bank', 'a{1,3}']\n",
            "test",
            Map.of());
    assertEquals(java.util.List.of("KeePassXC"), config.privacy().configuredApps());
    assertEquals(java.util.List.of("(?i)bank", "a{1,3}"), config.privacy().configuredTitles());
    // The default groups come after, a default the user also named once.
    assertEquals("KeePassXC", config.privacy().excludeApps().getFirst());
    assertEquals(
        1,
        config.privacy().excludeApps().stream()
            .filter(a -> a.equalsIgnoreCase("keepassxc"))
            .count());
    assertTrue(config.privacy().excludeApps().contains("com.bitwarden.desktop"));
    assertTrue(config.privacy().excludeTitles().contains("\\bincognito\\b"));
    assertEquals(
        java.util.List.of(DefaultExclusions.values()),
        loader.parse("", "test", Map.of()).privacy().defaults());
    assertTrue(
        loader
            .parse("privacy:\n  exclude:\n    defaults: []\n", "test", Map.of())
            .privacy()
            .isEmpty());
    assertEquals(
        java.util.List.of(DefaultExclusions.PASSWORD_MANAGERS),
        loader
            .parse("privacy:\n  exclude:\n    defaults: [password-managers]\n", "test", Map.of())
            .privacy()
            .defaults());
    ConfigException unknown =
        assertThrows(
            ConfigException.class,
            () -> loader.parse("privacy:\n  exclude:\n    defaults: [banks]\n", "test", Map.of()));
    assertTrue(
        unknown
            .getMessage()
            .contains("a list of names from private-browsing, password-managers, lock-screens"),
        unknown.getMessage());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    "privacy:\n  exclude:\n    titles: ['(unclosed']\n", "test", Map.of()));
    assertTrue(e.getMessage().contains("privacy.exclude.titles"), e.getMessage());
  }

  @Test
  void shouldNameThePathTheValueAndWhatWasExpected() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> loader.parse("memory:\n  budgets:\n    frameRing: 12XB\n", "test", Map.of()));
    assertEquals(
        "memory.budgets.frameRing: \"12XB\" is not a size (expected a size from 16MiB to 1TiB)",
        e.problems().getFirst().toString());
  }

  @Test
  void shouldRejectUnknownKeyWithDidYouMean() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> loader.parse("capture:\n  fsp: 10\n", "test", Map.of()));
    assertEquals(
        "capture.fsp: is not a known key (did you mean capture.fps?)",
        e.problems().getFirst().toString());
  }

  @Test
  void shouldSuggestTheSectionForAMisspelledSection() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> loader.parse("captur:\n  fps: 10\n", "test", Map.of()));
    assertEquals(
        "captur: is not a known key (did you mean capture?)", e.problems().getFirst().toString());
  }

  @Test
  void shouldReportEveryProblemAtOnce() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> loader.parse("capture:\n  fps: 500\napi:\n  port: web\n", "test", Map.of()));
    assertEquals(2, e.problems().size());
    assertTrue(e.getMessage().contains("capture.fps: \"500\" is out of range"), e.getMessage());
    assertTrue(e.getMessage().contains("api.port: \"web\" is not a whole number"), e.getMessage());
  }

  @Test
  void shouldRejectBrokenYamlWithItsLine() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> loader.parse("capture:\n  fps: [10\n", "test", Map.of()));
    assertTrue(e.getMessage().contains("is not valid YAML at line"), e.getMessage());
  }

  @Test
  void shouldRejectDuplicateKeys() {
    assertThrows(
        ConfigException.class,
        () -> loader.parse("api:\n  port: 1\n  port: 2\n", "test", Map.of()));
  }

  @Test
  void shouldLetCommandLineOverridesWinOverTheFile() {
    IroncliwConfig config =
        loader.parse("api:\n  port: 8000\n", "test", Map.of("api.port", "9000"));
    assertEquals(9000, config.api().port());
  }

  @Test
  void shouldRejectRingBudgetAboveTotal() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    "memory:\n  total: 1GiB\n  budgets:\n    frameRing: 2GiB\n", "test", Map.of()));
    assertTrue(e.getMessage().contains("is more than memory.total"), e.getMessage());
  }

  @Test
  void shouldRejectBudgetsThatTogetherPassTheTotal() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    "memory:\n  total: 1GiB\n  budgets:\n    frameRing: 900MiB\n"
                        + "    visionQueue: 128MiB\n",
                    "test",
                    Map.of()));
    assertTrue(
        e.getMessage()
            .contains(
                "memory.budgets: set explicitly, together 1.0GiB (frameRing 900.0MiB,"
                    + " visionQueue 128.0MiB), more than memory.total (1.0GiB)"),
        e.getMessage());
  }

  @Test
  void shouldRejectPressureThresholdsOutOfOrder() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> loader.parse("memory:\n  pressure:\n    high: 0.4\n", "test", Map.of()));
    assertTrue(
        e.getMessage()
            .contains(
                "memory.pressure: medium (0.5), high (0.4) and critical (0.9) must rise in that"
                    + " order"),
        e.getMessage());
  }

  @Test
  void shouldRenderADefaultFileThatParsesBackToTheDefaults() {
    String rendered = DefaultConfigFile.render();
    IroncliwConfig fromFile = loader.parse(rendered, "defaults", Map.of());
    IroncliwConfig defaults = loader.parse("", "empty", Map.of());
    assertEquals(defaults.rawValues(), fromFile.rawValues());
    assertEquals(defaults.memory(), fromFile.memory());
    assertEquals(defaults.vision(), fromFile.vision());
    assertTrue(fromFile.sources().values().stream().allMatch(ConfigSource.FILE::equals));
    for (Setting<?> s : ConfigSchema.settings()) {
      assertTrue(rendered.contains(s.key() + ":"), "missing " + s.path());
    }
  }

  @Test
  void shouldReadABudgetPercentageAsAShareOfTheTotal() {
    IroncliwConfig config =
        loader.parse(
            "memory:\n  total: 2GiB\n  budgets:\n    frameRing: 25%\n    heap: 12.5%\n",
            "test", Map.of());
    assertEquals(512L << 20, config.memory().frameRingBytes());
    assertEquals(256L << 20, config.memory().heapBytes());
    assertEquals(2L << 30, config.memory().totalBytes());
  }

  @Test
  void shouldReadPressureActionsPerLevelAndRejectUnknownOnes() {
    IroncliwConfig config =
        loader.parse(
            "memory:\n  pressure:\n    actions:\n      high: [shrinkRing, holdVision]\n",
            "test",
            Map.of());
    assertEquals(List.of("shrinkRing", "holdVision"), config.memory().highActions());
    assertEquals(List.of("fewerImages"), config.memory().mediumActions());

    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    "memory:\n  pressure:\n    actions:\n      medium: [shrinkRing, nap]\n",
                    "test",
                    Map.of()));
    assertTrue(
        e.getMessage()
            .contains(
                "memory.pressure.actions.medium: \"nap\" is not allowed (expected a list of"
                    + " names from fewerImages, halveCapture"),
        e.getMessage());
  }
}

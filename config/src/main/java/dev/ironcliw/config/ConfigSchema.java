package dev.ironcliw.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key the daemon knows, with its default: the single source of truth for
 * parsing, validation, the commented default file and the README reference.
 */
public final class ConfigSchema {
  private static final List<Setting> SETTINGS =
      List.of(
          restart(
              "dataDir",
              ValueType.TEXT,
              "",
              "Where the frame ring, the journal and the API token live. Empty: the platform"
                  + " default ($XDG_DATA_HOME/ironcliw on Linux, ~/Library/Application"
                  + " Support/Ironcliw on macOS)."),
          restart(
              "capture.source",
              ValueType.SOURCE,
              "auto",
              "Where frames come from: x11 (the X11 screen of $DISPLAY), macos (ScreenCaptureKit),"
                  + " synthetic (a generated desktop), replay:DIR (PNG files in name order) or auto"
                  + " (macos on a Mac, x11 when DISPLAY is set, else synthetic)."),
          restart(
              "capture.displays",
              ValueType.NAME_LIST,
              "all",
              "Which monitors to capture, each its own frame stream: all, primary, or a list of"
                  + " names (X11: RandR monitors, xrandr --listmonitors; macOS: main, display-ID)."),
          new Setting(
              "capture.fps",
              ValueType.RATE,
              "10",
              true,
              "0.2",
              "30",
              List.of(),
              "Frames captured per second, on a drift-corrected schedule."),
          restart(
              "capture.replayFast",
              ValueType.BOOLEAN,
              "false",
              "Replay as fast as the pipeline goes instead of at capture.fps; capture times stay"
                  + " 1/fps apart, so verdicts are the same at any speed."),
          ranged(
              "capture.synthetic.width",
              ValueType.INTEGER,
              "1920",
              "64",
              "7680",
              "Width in pixels of the synthetic desktop."),
          ranged(
              "capture.synthetic.height",
              ValueType.INTEGER,
              "1080",
              "64",
              "4320",
              "Height in pixels of the synthetic desktop."),
          restart(
              "memory.total",
              ValueType.SIZE,
              "40%",
              "Upper bound on everything the daemon holds; a percentage is of physical memory."),
          ranged(
              "memory.budgets.dedup",
              ValueType.SIZE,
              "16MiB",
              "64KiB",
              "1TiB",
              "Memory for the dedup bloom filters, split across dedup.generations."),
          ranged(
              "memory.budgets.frameRing",
              ValueType.SIZE,
              "512MiB",
              "16MiB",
              "1TiB",
              "Size of the memory-mapped frame ring; its slot count is this divided by the size"
                  + " of the largest frame."),
          ranged(
              "dedup.revisitWindow",
              ValueType.DURATION,
              "5m",
              "1s",
              "1d",
              "A frame identical to one seen this recently (but not the previous one) is a"
                  + " REVISIT."),
          ranged(
              "dedup.generations",
              ValueType.INTEGER,
              "5",
              "1",
              "60",
              "Bloom filters sharing the revisit window; the oldest is dropped as a new one"
                  + " starts, so memory stays bounded."),
          restart(
              "dedup.falsePositiveRate",
              ValueType.FRACTION,
              "0.001",
              "Target false-positive rate of a full bloom generation; a hit is always confirmed"
                  + " against the exact fingerprints of the window."),
          new Setting(
              "dedup.bloom",
              ValueType.CHOICE,
              "blocked",
              false,
              null,
              null,
              List.of("blocked", "guava"),
              "The bloom filter of each generation: blocked (all of a key's bits in one 64-byte"
                  + " block, one cache miss per lookup) or guava (Guava's BloomFilter, one miss per"
                  + " bit)."),
          ranged(
              "dedup.volatile.minBeats",
              ValueType.INTEGER,
              "3",
              "2",
              "100",
              "Changes on a rhythm before a tile is learned volatile (a clock, a blinking cursor,"
                  + " a spinner)."),
          restart(
              "dedup.volatile.rhythmTolerance",
              ValueType.FRACTION,
              "0.25",
              "How far the time between a tile's changes may stray from one of its two previous"
                  + " intervals and still be on the rhythm, as a fraction of it (plus 1.5 frame"
                  + " intervals for the sampling)."),
          ranged(
              "dedup.volatile.maxPeriod",
              ValueType.DURATION,
              "3s",
              "100ms",
              "1h",
              "Changes further apart than this are not a rhythm."),
          ranged(
              "dedup.volatile.quietPeriods",
              ValueType.INTEGER,
              "4",
              "1",
              "1000",
              "A volatile tile that has not changed for this many of its own intervals goes back"
                  + " to normal."),
          ranged(
              "diff.tileSize",
              ValueType.INTEGER,
              "32",
              "8",
              "256",
              "Edge in pixels of the square tiles the frame difference is computed on."),
          new Setting(
              "diff.backend",
              ValueType.CHOICE,
              "auto",
              false,
              null,
              null,
              List.of("auto", "cpu", "opencl", "vulkan"),
              "Which engine computes the frame difference: cpu (Vector API), opencl or vulkan (that"
                  + " device whatever its type, if it passes a self-test), or auto (an OpenCL or"
                  + " Vulkan GPU that passes, else cpu; CPU-type devices such as pocl and lavapipe"
                  + " are slower than cpu)."),
          ranged(
              "diff.threads",
              ValueType.INTEGER,
              "2",
              "1",
              "64",
              "Threads the CPU diff splits each frame's tile rows across."),
          new Setting(
              "diff.tileThreshold",
              ValueType.INTEGER,
              "256",
              true,
              "0",
              "1000000000",
              List.of(),
              "A tile counts as changed when the sum of absolute B, G and R differences in it"
                  + " is above this."),
          new Setting(
              "vision.provider",
              ValueType.CHOICE,
              "auto",
              false,
              null,
              null,
              List.of("auto", "none"),
              "Which vision LLM analyses changed frames. Only none exists yet; auto picks it."),
          new Setting(
              "vision.batch.size",
              ValueType.INTEGER,
              "5",
              true,
              "1",
              "100",
              List.of(),
              "CHANGE frames per batch handed to the vision stage."),
          new Setting(
              "vision.batch.maxWait",
              ValueType.DURATION,
              "2s",
              true,
              "10ms",
              "10m",
              List.of(),
              "A batch that is not full is handed on after this long."),
          ranged(
              "api.port",
              ValueType.INTEGER,
              "7117",
              "1",
              "65535",
              "TCP port of the local HTTP API, bound to 127.0.0.1 only."),
          new Setting(
              "api.stallAfter",
              ValueType.DURATION,
              "5s",
              true,
              "1s",
              "1h",
              List.of(),
              "While the source is live, no processed frame for this long makes health and"
                  + " status report the pipeline as stalled."),
          restart(
              "privacy.exclude.apps",
              ValueType.NAME_LIST,
              "",
              "Applications whose windows never reach the frame ring, by name, WM_CLASS (X11) or"
                  + " bundle id (macOS); matched without regard to case."),
          restart(
              "privacy.exclude.titles",
              ValueType.PATTERN_LIST,
              "",
              "Windows whose title matches one of these regular expressions never reach the frame"
                  + " ring; their visible area is blanked before a frame is written."));

  private static final Map<String, Setting> BY_PATH = new LinkedHashMap<>();

  static {
    for (Setting s : SETTINGS) {
      BY_PATH.put(s.path(), s);
    }
  }

  private ConfigSchema() {}

  public static List<Setting> settings() {
    return SETTINGS;
  }

  public static Optional<Setting> find(String path) {
    return Optional.ofNullable(BY_PATH.get(path));
  }

  /** True when {@code path} is a section that holds keys, e.g. {@code memory.budgets}. */
  public static boolean isSection(String path) {
    return SETTINGS.stream().anyMatch(s -> s.path().startsWith(path + "."));
  }

  /** The known key or section closest to an unknown one, when close enough to be a typo. */
  public static Optional<String> closest(String unknownPath) {
    java.util.Set<String> candidates = new java.util.LinkedHashSet<>(BY_PATH.keySet());
    for (String path : BY_PATH.keySet()) {
      for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
        candidates.add(path.substring(0, dot));
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : candidates) {
      int distance = EditDistance.between(unknownPath.toLowerCase(), known.toLowerCase());
      if (distance < bestDistance) {
        bestDistance = distance;
        best = known;
      }
    }
    int allowed = Math.max(2, unknownPath.length() / 4);
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  private static Setting restart(String path, ValueType type, String def, String description) {
    return new Setting(path, type, def, false, null, null, List.of(), description);
  }

  private static Setting ranged(
      String path, ValueType type, String def, String min, String max, String description) {
    return new Setting(path, type, def, false, min, max, List.of(), description);
  }
}

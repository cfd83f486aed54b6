package dev.ironcliw.config.schema;

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
          restart(
              "capture.replayLoop",
              ValueType.BOOLEAN,
              "false",
              "Start a replay over from its first file when it reaches the last, for runs longer"
                  + " than the recording (benchmarks, soak tests)."),
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
          live(
              "memory.total",
              ValueType.SIZE,
              "40%",
              "64MiB",
              "1TiB",
              "Upper bound on everything the daemon holds; a percentage is of physical memory."
                  + " The budgets below must fit in it together."),
          live(
              "memory.budgets.dedup",
              ValueType.SIZE,
              "16MiB",
              "64KiB",
              "1TiB",
              "Memory for the dedup bloom filters, split across dedup.generations, and the exact"
                  + " keys that confirm their hits. A percentage is of memory.total (so for every"
                  + " budget). Live: bloom generations take a new size as they rotate in."),
          live(
              "memory.budgets.frameRing",
              ValueType.SIZE,
              "512MiB",
              "16MiB",
              "1TiB",
              "Size of the memory-mapped frame ring; its slot count is this divided by the size"
                  + " of the largest frame. Live: the ring's active part shrinks at once (the pages"
                  + " of the slots left out go back to the system) or grows back up to the size it"
                  + " started with; more than that needs a restart."),
          live(
              "memory.budgets.visionQueue",
              ValueType.SIZE,
              "64MiB",
              "1MiB",
              "1TiB",
              "Memory for the downscaled crops of changed frames waiting to be sent to the vision"
                  + " LLM; the oldest waiting batch is dropped to make room."),
          ranged(
              "memory.budgets.gpuBuffers",
              ValueType.SIZE,
              "256MiB",
              "1MiB",
              "1TiB",
              "Memory for the GPU diff's buffers (two frames, their upload copy and the tile"
                  + " results: about 180 MiB for a 5120x2880 screen, 24 MiB for 1920x1080), reserved"
                  + " as they are created; a GPU backend that needs more falls back to the CPU"
                  + " diff."),
          ranged(
              "memory.budgets.journalCaches",
              ValueType.SIZE,
              "64MiB",
              "4MiB",
              "1TiB",
              "Memory the history journal maps at once (Chronicle Queue's mapped blocks, a"
                  + " quarter of this each, for the writer and the readers)."),
          ranged(
              "memory.budgets.heap",
              ValueType.SIZE,
              "256MiB",
              "64MiB",
              "1TiB",
              "The Java heap: the launcher starts the JVM with this as -Xmx, and heap pressure is"
                  + " the heap after collection against it."),
          live(
              "memory.pressure.medium",
              ValueType.FRACTION,
              "0.5",
              null,
              null,
              "Share of a limit (the vision queue's budget, memory.total, the heap after"
                  + " collection, the cgroup's memory.max) from which memory pressure is MEDIUM. The"
                  + " machine as a whole counts by its own signs: Linux memory stalls (PSI) or under"
                  + " 15% of its RAM available, the macOS kernel's pressure level."),
          live(
              "memory.pressure.high",
              ValueType.FRACTION,
              "0.7",
              null,
              null,
              "Share of a limit from which memory pressure is HIGH (also when macOS says"
                  + " warning)."),
          live(
              "memory.pressure.critical",
              ValueType.FRACTION,
              "0.9",
              null,
              null,
              "Share of a limit from which memory pressure is CRITICAL (also when macOS says"
                  + " critical)."),
          live(
              "memory.pressure.dwell",
              ValueType.DURATION,
              "30s",
              "0s",
              "1h",
              "How long every reading must stay below the current level before it falls, so the"
                  + " level does not flap around a threshold; a rise applies at once."),
          live(
              "memory.pressure.interval",
              ValueType.DURATION,
              "1s",
              "100ms",
              "1m",
              "How often the pressure sources are read (also after every garbage collection)."),
          actions(
              "memory.pressure.actions.medium",
              "fewerImages",
              "What the daemon does while pressure is MEDIUM; each action is undone when the level"
                  + " falls below the levels that list it. fewerImages: one crop per changed frame"
                  + " at half size and no context image; halveCapture: capture at half"
                  + " capture.fps; shrinkRing: the ring's active part halved; minimumRing: the"
                  + " ring's active part at its minimum (4 slots); holdVision: batches wait"
                  + " instead of being sent; dropQueued: waiting batches dropped; pauseCapture:"
                  + " capture paused."),
          actions(
              "memory.pressure.actions.high",
              "fewerImages, halveCapture, shrinkRing, holdVision",
              "What the daemon does while pressure is HIGH (the actions above)."),
          actions(
              "memory.pressure.actions.critical",
              "fewerImages, halveCapture, minimumRing, holdVision, dropQueued, pauseCapture",
              "What the daemon does while pressure is CRITICAL (the actions above)."),
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
              List.of("auto", "anthropic", "openai", "none"),
              "Which vision LLM analyses changed frames: anthropic (Messages API), openai (Chat"
                  + " Completions: OpenAI, Ollama, LM Studio, vLLM), none (analysis off), or auto"
                  + " (anthropic when ANTHROPIC_API_KEY is set, else openai when OPENAI_API_KEY is"
                  + " set, else the OpenAI-compatible server at vision.auto.localBaseUrl when one"
                  + " answers, else none)."),
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
          restart(
              "vision.anthropic.model",
              ValueType.TEXT,
              "claude-sonnet-4-5",
              "Model named in each Messages API request."),
          restart(
              "vision.anthropic.baseUrl",
              ValueType.URL,
              "https://api.anthropic.com",
              "Where the Messages API is; requests go to this plus /v1/messages."),
          restart(
              "vision.anthropic.keyFile",
              ValueType.TEXT,
              "",
              "A file holding the Anthropic API key, read at start when ANTHROPIC_API_KEY is not"
                  + " set. Empty: the environment only."),
          restart(
              "vision.openai.model",
              ValueType.TEXT,
              "gpt-4o-mini",
              "Model named in each Chat Completions request."),
          restart(
              "vision.openai.baseUrl",
              ValueType.URL,
              "https://api.openai.com/v1",
              "Where the OpenAI-compatible API is; requests go to this plus /chat/completions"
                  + " (Ollama: http://127.0.0.1:11434/v1, LM Studio: http://127.0.0.1:1234/v1)."),
          restart(
              "vision.openai.keyFile",
              ValueType.TEXT,
              "",
              "A file holding the OpenAI API key, read at start when OPENAI_API_KEY is not set."
                  + " Empty with no variable: requests carry no key, as local servers expect."),
          restart(
              "vision.auto.localBaseUrl",
              ValueType.URL,
              "http://127.0.0.1:11434/v1",
              "The OpenAI-compatible server that provider auto asks for its models when no API"
                  + " key is set (Ollama's default port)."),
          restart(
              "vision.auto.localModel",
              ValueType.TEXT,
              "",
              "Model auto uses on that local server. Empty: the first listed model whose name"
                  + " marks it as a vision model (llava, vision, -vl, gemma3, minicpm-v,"
                  + " moondream), else the first listed."),
          ranged(
              "vision.image.maxLongEdge",
              ValueType.INTEGER,
              "1568",
              "64",
              "8192",
              "Crops are downscaled so that their longer edge is at most this many pixels"
                  + " (Anthropic's limit before it scales an image down itself)."),
          ranged(
              "vision.image.maxBytes",
              ValueType.SIZE,
              "3MiB",
              "16KiB",
              "20MiB",
              "Largest encoded image; a bigger one is re-encoded as JPEG, then at lower quality,"
                  + " then smaller (Anthropic refuses images over 5 MB in base64)."),
          ranged(
              "vision.image.padding",
              ValueType.INTEGER,
              "16",
              "0",
              "512",
              "Pixels of context added around each changed region before crops are merged."),
          ranged(
              "vision.image.maxCropsPerFrame",
              ValueType.INTEGER,
              "3",
              "1",
              "16",
              "Crops sent per frame; when the changed regions need more, they are sent as one"
                  + " crop of their bounding box."),
          restart(
              "vision.image.contextShare",
              ValueType.FRACTION,
              "0.25",
              "A change covering more than this share of the frame also sends the whole frame,"
                  + " downscaled to vision.image.contextLongEdge, for context."),
          ranged(
              "vision.image.contextLongEdge",
              ValueType.INTEGER,
              "1024",
              "64",
              "8192",
              "Longer edge in pixels of the full-frame context image."),
          ranged(
              "vision.limits.concurrency",
              ValueType.INTEGER,
              "2",
              "1",
              "64",
              "Requests to the provider in flight at once."),
          ranged(
              "vision.limits.requestsPerMinute",
              ValueType.RATE,
              "12/min",
              "1/h",
              "100",
              "Requests started per unit of time, retries included."),
          ranged(
              "vision.limits.imagesPerHour",
              ValueType.INTEGER,
              "1200",
              "1",
              "1000000",
              "Images sent per rolling hour; a batch over it is dropped and counted."),
          ranged(
              "vision.limits.maxRequestBytes",
              ValueType.SIZE,
              "16MiB",
              "64KiB",
              "30MiB",
              "Encoded image bytes in one request; the images that do not fit are left out, the"
                  + " context images first."),
          ranged(
              "vision.limits.maxBytesPerHour",
              ValueType.SIZE,
              "256MiB",
              "1MiB",
              "1TiB",
              "Encoded image bytes sent per rolling hour; a batch over it is dropped and"
                  + " counted."),
          ranged(
              "vision.limits.dailyTokens",
              ValueType.INTEGER,
              "2000000",
              "1000",
              "10000000000",
              "Input plus output tokens the provider may bill per UTC day, as its replies report"
                  + " them; once spent, batches are dropped until the day ends."),
          ranged(
              "vision.limits.maxOutputTokens",
              ValueType.INTEGER,
              "512",
              "16",
              "32000",
              "The most tokens one reply may use."),
          ranged(
              "vision.limits.connectTimeout",
              ValueType.DURATION,
              "5s",
              "100ms",
              "5m",
              "Longest wait to open a connection to the provider."),
          ranged(
              "vision.limits.requestTimeout",
              ValueType.DURATION,
              "60s",
              "1s",
              "30m",
              "Longest wait for a whole reply, from sending the request to its last byte."),
          ranged(
              "vision.limits.maxAttempts",
              ValueType.INTEGER,
              "3",
              "1",
              "20",
              "Attempts per batch, the first included; 429, 529, 5xx, timeouts and dropped"
                  + " connections are retried after an exponential backoff with jitter, or after"
                  + " the provider's Retry-After."),
          ranged(
              "vision.limits.longestRetryWait",
              ValueType.DURATION,
              "60s",
              "1s",
              "1h",
              "A Retry-After longer than this fails the batch instead of holding it."),
          ranged(
              "vision.queue.batches",
              ValueType.INTEGER,
              "8",
              "1",
              "1000",
              "Batches waiting for the provider; when full, or while the circuit breaker is open,"
                  + " the oldest is dropped and counted."),
          ranged(
              "vision.breaker.failures",
              ValueType.INTEGER,
              "5",
              "1",
              "1000",
              "Failed attempts in a row that open the circuit breaker."),
          ranged(
              "vision.breaker.openFor",
              ValueType.DURATION,
              "60s",
              "1s",
              "1d",
              "How long an open breaker refuses calls before one probe is let through."),
          ranged(
              "vision.notices.perMinute",
              ValueType.INTEGER,
              "3",
              "0",
              "60",
              "Proactive notices (insights that say the user may need help) pushed per minute at"
                  + " most; 0 pushes none."),
          ranged(
              "vision.notices.cooldown",
              ValueType.DURATION,
              "20s",
              "0s",
              "1h",
              "Least time between two proactive notices."),
          restart(
              "vision.notices.minConfidence",
              ValueType.FRACTION,
              "0.5",
              "An insight becomes a proactive notice only when its confidence is at least this."),
          restart(
              "vision.notices.desktop",
              ValueType.BOOLEAN,
              "false",
              "Also raise a desktop notification for each proactive notice (notify-send on"
                  + " Linux, osascript on macOS)."),
          ranged(
              "api.port",
              ValueType.INTEGER,
              "7117",
              "1",
              "65535",
              "TCP port of the local HTTP API."),
          restart(
              "api.bindAddress",
              ValueType.TEXT,
              "127.0.0.1",
              "The IP address the API listens on. Anything but a loopback address (127.0.0.1,"
                  + " ::1) is refused unless api.allowRemote is true."),
          restart(
              "api.allowRemote",
              ValueType.BOOLEAN,
              "false",
              "Allow api.bindAddress to be an address other machines can reach. The bearer"
                  + " token is needed on every route but health either way."),
          ranged(
              "api.rateLimit",
              ValueType.RATE,
              "2000/s",
              "1",
              "100000",
              "Requests per second one client address may make; more are answered 429 with"
                  + " Retry-After. All local tools share 127.0.0.1."),
          ranged(
              "api.requestTimeout",
              ValueType.DURATION,
              "30s",
              "1s",
              "10m",
              "A request not answered in this time gets 503 (the event stream is exempt)."),
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
          live(
              "history.retention.maxAge",
              ValueType.DURATION,
              "30d",
              "1h",
              "3650d",
              "Journal history older than this is deleted, a whole day (one journal cycle) at a"
                  + " time, once the day has ended."),
          live(
              "history.retention.maxBytes",
              ValueType.DISK_SIZE,
              "10GiB",
              "1MiB",
              "64TiB",
              "The journal's files on disk are kept under this by deleting the oldest days"
                  + " first; the day being written is always kept, even when it alone is larger."),
          live(
              "history.retention.checkEvery",
              ValueType.DURATION,
              "1m",
              "1s",
              "1d",
              "How often retention looks at the journal's age and size."),
          live(
              "history.keyframes.maxLongEdge",
              ValueType.INTEGER,
              "1280",
              "0",
              "7680",
              "CHANGE frames are also kept in the journal as JPEG keyframes scaled to this longer"
                  + " edge, so frames/{seq}/image answers after the ring has moved on; 0 keeps"
                  + " none."),
          live(
              "history.keyframes.quality",
              ValueType.FRACTION,
              "0.7",
              null,
              null,
              "JPEG quality of keyframes, between 0 and 1."),
          live(
              "history.keyframes.minInterval",
              ValueType.DURATION,
              "5s",
              "0s",
              "1h",
              "Least time between two keyframes of one display; CHANGE frames closer together"
                  + " are journaled without one."),
          live(
              "history.disk.keyframesMinFree",
              ValueType.DISK_SIZE,
              "1GiB",
              "1MiB",
              "64TiB",
              "With less free space than this on the journal's disk, keyframes are no longer"
                  + " written (frame records still are), until the space is back."),
          live(
              "history.disk.recordsMinFree",
              ValueType.DISK_SIZE,
              "64MiB",
              "1MiB",
              "64TiB",
              "With less free space than this on the journal's disk (plus what the frame ring"
                  + " gave back and may take again), nothing more is journaled until the space"
                  + " is back: a full disk would fault the journal's mapped files. Capture and the"
                  + " API go on."),
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

  private static Setting live(
      String path, ValueType type, String def, String min, String max, String description) {
    return new Setting(path, type, def, true, min, max, List.of(), description);
  }

  private static Setting actions(String path, String def, String description) {
    return new Setting(
        path, ValueType.NAME_LIST, def, true, null, null, PressureActionNames.ALL, description);
  }

  private static Setting ranged(
      String path, ValueType type, String def, String min, String max, String description) {
    return new Setting(path, type, def, false, min, max, List.of(), description);
  }
}

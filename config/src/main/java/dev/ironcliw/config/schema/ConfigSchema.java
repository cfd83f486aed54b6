package dev.ironcliw.config.schema;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key the daemon knows, with its default: the single source of truth for
 * parsing, validation, the commented default file and the README reference.
 */
public final class ConfigSchema {
  public static final Setting<String> DATA_DIR =
      text(
          restart(
              "dataDir",
              ValueType.TEXT,
              "",
              "Where the frame ring, the journal and the API token live. Empty: the platform"
                  + " default ($XDG_DATA_HOME/ironcliw on Linux, ~/Library/Application"
                  + " Support/Ironcliw on macOS)."));

  public static final Setting<String> CAPTURE_SOURCE =
      text(
          restart(
              "capture.source",
              ValueType.SOURCE,
              "auto",
              "Where frames come from: x11 (the X11 screen of $DISPLAY), macos (ScreenCaptureKit),"
                  + " synthetic (a generated desktop), replay:DIR (PNG files in name order) or auto"
                  + " (macos on a Mac, x11 when DISPLAY is set, else synthetic)."));

  public static final Setting<List<String>> CAPTURE_DISPLAYS =
      names(
          restart(
              "capture.displays",
              ValueType.NAME_LIST,
              "all",
              "Which monitors to capture, each its own frame stream: all, primary, or a list of"
                  + " names (X11: RandR monitors, xrandr --listmonitors; macOS: main, display-ID)."));

  public static final Setting<Double> CAPTURE_FPS =
      decimal(
          setting(
              "capture.fps",
              ValueType.RATE,
              "10",
              true,
              "0.2",
              "30",
              List.of(),
              "Frames captured per second, on a drift-corrected schedule."));

  public static final Setting<String> CAPTURE_RESOLUTION =
      text(
          setting(
              "capture.resolution",
              ValueType.CHOICE,
              "points",
              false,
              null,
              null,
              List.of("points", "pixels"),
              "How finely a live screen is captured: points (a desktop drawn at 2x, a Retina"
                  + " display or an X11 desktop with Xft.dpi 168 or more, is captured at half its"
                  + " pixel width and height: text as sharp as an unscaled screen's, a quarter of"
                  + " the bytes, four times the frames in the ring; elsewhere every pixel) or"
                  + " pixels (every pixel the display has)."));

  public static final Setting<Duration> CAPTURE_RING_HISTORY =
      duration(
          live(
              "capture.ringHistory",
              ValueType.DURATION,
              "2.5s",
              "0s",
              "10min",
              "How much the frame ring holds, in time: capture.fps distinct frames a second per"
                  + " display (at least 4 slots), so the pipeline may fall behind by this much"
                  + " without a frame dropped, and frames/{seq}/image answers from the ring for"
                  + " about this long. memory.budgets.frameRing caps it. Live: the ring's active"
                  + " part follows, up to the size it started with."));

  public static final Setting<Boolean> CAPTURE_REPLAY_FAST =
      bool(
          restart(
              "capture.replayFast",
              ValueType.BOOLEAN,
              "false",
              "Replay (and draw the synthetic desktop) as fast as the pipeline goes instead of at"
                  + " capture.fps; capture times stay 1/fps apart, so verdicts are the same at any"
                  + " speed, and the journal rolls its days and retention ages the history by"
                  + " them."));

  public static final Setting<Boolean> CAPTURE_REPLAY_LOOP =
      bool(
          restart(
              "capture.replayLoop",
              ValueType.BOOLEAN,
              "false",
              "Start a replay over from its first file when it reaches the last, for runs longer"
                  + " than the recording (benchmarks, soak tests)."));

  public static final Setting<Integer> CAPTURE_SYNTHETIC_WIDTH =
      integer(
          ranged(
              "capture.synthetic.width",
              ValueType.INTEGER,
              "1920",
              "64",
              "7680",
              "Width in pixels of the synthetic desktop."));

  public static final Setting<Integer> CAPTURE_SYNTHETIC_HEIGHT =
      integer(
          ranged(
              "capture.synthetic.height",
              ValueType.INTEGER,
              "1080",
              "64",
              "4320",
              "Height in pixels of the synthetic desktop."));

  public static final Setting<Long> MEMORY_TOTAL =
      number(
          live(
              "memory.total",
              ValueType.SIZE,
              "512MiB",
              "64MiB",
              "1TiB",
              "Upper bound on everything the daemon holds; a percentage is of physical memory."
                  + " The budgets below are shares of it by default, so setting it alone is"
                  + " enough; a budget set to a size takes that, and the budgets left at their"
                  + " shares shrink to fit what is left."));

  public static final Setting<Long> MEMORY_BUDGETS_DEDUP =
      number(
          live(
              "memory.budgets.dedup",
              ValueType.SIZE,
              "3%",
              "64KiB",
              "1TiB",
              "Memory for the dedup bloom filters, split across dedup.generations, and the exact"
                  + " keys that confirm their hits. A percentage is of memory.total (so for every"
                  + " budget). Live: bloom generations take a new size as they rotate in."));

  public static final Setting<Long> MEMORY_BUDGETS_FRAME_RING =
      number(
          live(
              "memory.budgets.frameRing",
              ValueType.SIZE,
              "40%",
              "16MiB",
              "1TiB",
              "Size of the memory-mapped frame ring; its slot count is this divided by the size"
                  + " of the largest frame. Live: the ring's active part shrinks at once (the pages"
                  + " of the slots left out go back to the system) or grows back up to the size it"
                  + " started with; more than that needs a restart."));

  public static final Setting<Long> MEMORY_BUDGETS_VISION_QUEUE =
      number(
          live(
              "memory.budgets.visionQueue",
              ValueType.SIZE,
              "8%",
              "1MiB",
              "1TiB",
              "Memory for the downscaled crops of changed frames waiting to be sent to the vision"
                  + " LLM; the oldest waiting batch is dropped to make room."));

  public static final Setting<Long> MEMORY_BUDGETS_GPU_BUFFERS =
      number(
          ranged(
              "memory.budgets.gpuBuffers",
              ValueType.SIZE,
              "6%",
              "1MiB",
              "1TiB",
              "Memory for the GPU diff's buffers (two frames, their upload copy and the tile"
                  + " results: about 180 MiB for a 5120x2880 screen, 24 MiB for 1920x1080), reserved"
                  + " as they are created; a GPU backend that needs more falls back to the CPU"
                  + " diff."));

  public static final Setting<Long> MEMORY_BUDGETS_JOURNAL_CACHES =
      number(
          ranged(
              "memory.budgets.journalCaches",
              ValueType.SIZE,
              "5%",
              "4MiB",
              "1TiB",
              "Memory the history journal maps at once (Chronicle Queue's mapped blocks, a"
                  + " quarter of this each, for the writer and the readers)."));

  public static final Setting<Long> MEMORY_BUDGETS_TEXT_INDEX =
      number(
          ranged(
              "memory.budgets.textIndex",
              ValueType.SIZE,
              "3%",
              "1MiB",
              "1GiB",
              "Memory the screen-text index's writer holds (on the heap) before it writes a"
                  + " segment to disk: Lucene's RAM buffer. The index commits every 10 s, so a"
                  + " small buffer costs little."));

  public static final Setting<Long> MEMORY_BUDGETS_HEAP =
      number(
          ranged(
              "memory.budgets.heap",
              ValueType.SIZE,
              "35%",
              "64MiB",
              "1TiB",
              "The Java heap: the launcher starts the JVM with this as -Xmx, and heap pressure is"
                  + " the heap after collection against it."));

  public static final Setting<Double> MEMORY_PRESSURE_MEDIUM =
      decimal(
          live(
              "memory.pressure.medium",
              ValueType.FRACTION,
              "0.5",
              null,
              null,
              "Share of a limit (the vision queue's budget, memory.total, the heap after"
                  + " collection, the cgroup's memory.max) from which memory pressure is MEDIUM. The"
                  + " machine as a whole counts by its own signs: Linux memory stalls (PSI) or under"
                  + " 15% of its RAM available, the macOS kernel's pressure level."));

  public static final Setting<Double> MEMORY_PRESSURE_HIGH =
      decimal(
          live(
              "memory.pressure.high",
              ValueType.FRACTION,
              "0.7",
              null,
              null,
              "Share of a limit from which memory pressure is HIGH (also when macOS says"
                  + " warning)."));

  public static final Setting<Double> MEMORY_PRESSURE_CRITICAL =
      decimal(
          live(
              "memory.pressure.critical",
              ValueType.FRACTION,
              "0.9",
              null,
              null,
              "Share of a limit from which memory pressure is CRITICAL (also when macOS says"
                  + " critical)."));

  public static final Setting<Duration> MEMORY_PRESSURE_DWELL =
      duration(
          live(
              "memory.pressure.dwell",
              ValueType.DURATION,
              "30s",
              "0s",
              "1h",
              "How long every reading must stay below the current level before it falls, so the"
                  + " level does not flap around a threshold; a rise applies at once."));

  public static final Setting<Duration> MEMORY_PRESSURE_INTERVAL =
      duration(
          live(
              "memory.pressure.interval",
              ValueType.DURATION,
              "1s",
              "100ms",
              "1m",
              "How often the pressure sources are read (also after every garbage collection)."));

  public static final Setting<List<String>> MEMORY_PRESSURE_ACTIONS_MEDIUM =
      names(
          actions(
              "memory.pressure.actions.medium",
              "fewerImages",
              "What the daemon does while pressure is MEDIUM; each action is undone when the level"
                  + " falls below the levels that list it. fewerImages: one crop per changed frame"
                  + " at half size and no context image; halveCapture: capture at half"
                  + " capture.fps; shrinkRing: the ring's active part halved; minimumRing: the"
                  + " ring's active part at its minimum (4 slots); holdVision: batches wait"
                  + " instead of being sent; dropQueued: waiting batches dropped; pauseCapture:"
                  + " capture paused."));

  public static final Setting<List<String>> MEMORY_PRESSURE_ACTIONS_HIGH =
      names(
          actions(
              "memory.pressure.actions.high",
              "fewerImages, halveCapture, shrinkRing, holdVision",
              "What the daemon does while pressure is HIGH (the actions above)."));

  public static final Setting<List<String>> MEMORY_PRESSURE_ACTIONS_CRITICAL =
      names(
          actions(
              "memory.pressure.actions.critical",
              "fewerImages, halveCapture, minimumRing, holdVision, dropQueued, pauseCapture",
              "What the daemon does while pressure is CRITICAL (the actions above)."));

  public static final Setting<Duration> DEDUP_REVISIT_WINDOW =
      duration(
          ranged(
              "dedup.revisitWindow",
              ValueType.DURATION,
              "5m",
              "1s",
              "1d",
              "A screen (volatile tiles such as a clock left out) shown this recently, counted"
                  + " from when it was last on screen, is a REVISIT when it comes back."));

  public static final Setting<Integer> DEDUP_GENERATIONS =
      integer(
          ranged(
              "dedup.generations",
              ValueType.INTEGER,
              "5",
              "1",
              "60",
              "Bloom filters sharing the revisit window; the oldest is dropped as a new one"
                  + " starts, so memory stays bounded."));

  public static final Setting<Double> DEDUP_FALSE_POSITIVE_RATE =
      decimal(
          restart(
              "dedup.falsePositiveRate",
              ValueType.FRACTION,
              "0.001",
              "Target false-positive rate of a full bloom generation; a hit is always confirmed"
                  + " against the exact fingerprints of the window."));

  public static final Setting<String> DEDUP_BLOOM =
      text(
          setting(
              "dedup.bloom",
              ValueType.CHOICE,
              "blocked",
              false,
              null,
              null,
              List.of("blocked", "guava"),
              "The bloom filter of each generation: blocked (all of a key's bits in one 64-byte"
                  + " block, one cache miss per lookup) or guava (Guava's BloomFilter, one miss per"
                  + " bit)."));

  public static final Setting<Integer> DEDUP_VOLATILE_MIN_BEATS =
      integer(
          ranged(
              "dedup.volatile.minBeats",
              ValueType.INTEGER,
              "3",
              "2",
              "100",
              "Changes on a rhythm before a tile is learned volatile (a clock, a blinking cursor,"
                  + " a spinner)."));

  public static final Setting<Double> DEDUP_VOLATILE_RHYTHM_TOLERANCE =
      decimal(
          restart(
              "dedup.volatile.rhythmTolerance",
              ValueType.FRACTION,
              "0.25",
              "How far the time between a tile's changes may stray from one of its two previous"
                  + " intervals and still be on the rhythm, as a fraction of it (plus 1.5 frame"
                  + " intervals for the sampling)."));

  public static final Setting<Duration> DEDUP_VOLATILE_MAX_PERIOD =
      duration(
          ranged(
              "dedup.volatile.maxPeriod",
              ValueType.DURATION,
              "3s",
              "100ms",
              "1h",
              "Changes further apart than this are not a rhythm."));

  public static final Setting<Integer> DEDUP_VOLATILE_QUIET_PERIODS =
      integer(
          ranged(
              "dedup.volatile.quietPeriods",
              ValueType.INTEGER,
              "4",
              "1",
              "1000",
              "A volatile tile that has not changed for this many of its own intervals goes back"
                  + " to normal."));

  public static final Setting<Integer> DIFF_TILE_SIZE =
      integer(
          ranged(
              "diff.tileSize",
              ValueType.INTEGER,
              "32",
              "8",
              "256",
              "Edge in pixels of the square tiles the frame difference is computed on."));

  public static final Setting<String> DIFF_BACKEND =
      text(
          setting(
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
                  + " are slower than cpu)."));

  public static final Setting<Integer> DIFF_THREADS =
      integer(
          ranged(
              "diff.threads",
              ValueType.INTEGER,
              "2",
              "1",
              "64",
              "Threads the CPU diff splits each frame's tile rows across."));

  public static final Setting<Long> DIFF_TILE_THRESHOLD =
      number(
          setting(
              "diff.tileThreshold",
              ValueType.INTEGER,
              "256",
              true,
              "0",
              "1000000000",
              List.of(),
              "A tile counts as changed when the sum of absolute B, G and R differences in it"
                  + " is above this."));

  public static final Setting<String> VISION_PROVIDER =
      text(
          setting(
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
                  + " answers, else none)."));

  public static final Setting<Integer> VISION_BATCH_SIZE =
      integer(
          setting(
              "vision.batch.size",
              ValueType.INTEGER,
              "5",
              true,
              "1",
              "100",
              List.of(),
              "CHANGE frames per batch handed to the vision stage."));

  public static final Setting<Duration> VISION_BATCH_MAX_WAIT =
      duration(
          setting(
              "vision.batch.maxWait",
              ValueType.DURATION,
              "2s",
              true,
              "10ms",
              "10m",
              List.of(),
              "A batch that is not full is handed on after this long."));

  public static final Setting<String> VISION_ANTHROPIC_MODEL =
      text(
          restart(
              "vision.anthropic.model",
              ValueType.TEXT,
              "claude-sonnet-4-5",
              "Model named in each Messages API request."));

  public static final Setting<String> VISION_ANTHROPIC_BASE_URL =
      text(
          restart(
              "vision.anthropic.baseUrl",
              ValueType.URL,
              "https://api.anthropic.com",
              "Where the Messages API is; requests go to this plus /v1/messages."));

  public static final Setting<String> VISION_ANTHROPIC_KEY_FILE =
      text(
          restart(
              "vision.anthropic.keyFile",
              ValueType.TEXT,
              "",
              "A file holding the Anthropic API key, read at start when ANTHROPIC_API_KEY is not"
                  + " set. Empty: the environment only."));

  public static final Setting<String> VISION_OPENAI_MODEL =
      text(
          restart(
              "vision.openai.model",
              ValueType.TEXT,
              "gpt-4o-mini",
              "Model named in each Chat Completions request."));

  public static final Setting<String> VISION_OPENAI_BASE_URL =
      text(
          restart(
              "vision.openai.baseUrl",
              ValueType.URL,
              "https://api.openai.com/v1",
              "Where the OpenAI-compatible API is; requests go to this plus /chat/completions"
                  + " (Ollama: http://127.0.0.1:11434/v1, LM Studio: http://127.0.0.1:1234/v1)."));

  public static final Setting<String> VISION_OPENAI_KEY_FILE =
      text(
          restart(
              "vision.openai.keyFile",
              ValueType.TEXT,
              "",
              "A file holding the OpenAI API key, read at start when OPENAI_API_KEY is not set."
                  + " Empty with no variable: requests carry no key, as local servers expect."));

  public static final Setting<String> VISION_AUTO_LOCAL_BASE_URL =
      text(
          restart(
              "vision.auto.localBaseUrl",
              ValueType.URL,
              "http://127.0.0.1:11434/v1",
              "The OpenAI-compatible server that provider auto asks for its models when no API"
                  + " key is set (Ollama's default port). Auto uses it only when the socket"
                  + " listening on its port belongs to the daemon's user (checked on Linux, before"
                  + " every call); elsewhere, or for a server of another user, name it with"
                  + " provider openai and vision.openai.baseUrl."));

  public static final Setting<String> VISION_AUTO_LOCAL_MODEL =
      text(
          restart(
              "vision.auto.localModel",
              ValueType.TEXT,
              "",
              "Model auto uses on that local server. Empty: the first listed model whose name"
                  + " marks it as a vision model (llava, vision, -vl, gemma3, minicpm-v,"
                  + " moondream), else the first listed."));

  public static final Setting<Integer> VISION_IMAGE_MAX_LONG_EDGE =
      integer(
          ranged(
              "vision.image.maxLongEdge",
              ValueType.INTEGER,
              "1568",
              "64",
              "8192",
              "Crops are downscaled so that their longer edge is at most this many pixels"
                  + " (Anthropic's limit before it scales an image down itself)."));

  public static final Setting<Long> VISION_IMAGE_MAX_BYTES =
      number(
          ranged(
              "vision.image.maxBytes",
              ValueType.SIZE,
              "3MiB",
              "16KiB",
              "20MiB",
              "Largest encoded image; a bigger one is re-encoded as JPEG, then at lower quality,"
                  + " then smaller (Anthropic refuses images over 5 MB in base64)."));

  public static final Setting<Integer> VISION_IMAGE_PADDING =
      integer(
          ranged(
              "vision.image.padding",
              ValueType.INTEGER,
              "16",
              "0",
              "512",
              "Pixels of context added around each changed region before crops are merged."));

  public static final Setting<Integer> VISION_IMAGE_MAX_CROPS_PER_FRAME =
      integer(
          ranged(
              "vision.image.maxCropsPerFrame",
              ValueType.INTEGER,
              "3",
              "1",
              "16",
              "Crops sent per frame; when the changed regions need more, they are sent as one"
                  + " crop of their bounding box."));

  public static final Setting<Double> VISION_IMAGE_CONTEXT_SHARE =
      decimal(
          restart(
              "vision.image.contextShare",
              ValueType.FRACTION,
              "0.25",
              "A change covering more than this share of the frame also sends the whole frame,"
                  + " downscaled to vision.image.contextLongEdge, for context."));

  public static final Setting<Integer> VISION_IMAGE_CONTEXT_LONG_EDGE =
      integer(
          ranged(
              "vision.image.contextLongEdge",
              ValueType.INTEGER,
              "1024",
              "64",
              "8192",
              "Longer edge in pixels of the full-frame context image."));

  public static final Setting<Integer> VISION_SCREEN_TEXT_MAX_CHARS =
      integer(
          ranged(
              "vision.screenText.maxChars",
              ValueType.INTEGER,
              "2000",
              "0",
              "100000",
              "Characters of the text read off the screen (text.engine) sent with each batch: the"
                  + " lines on screen at its last moment within 200 pixels of what changed (all of"
                  + " them when a whole-screen image goes too), in reading order; 0 sends none."));

  public static final Setting<Integer> VISION_LIMITS_CONCURRENCY =
      integer(
          ranged(
              "vision.limits.concurrency",
              ValueType.INTEGER,
              "2",
              "1",
              "64",
              "Requests to the provider in flight at once."));

  public static final Setting<Double> VISION_LIMITS_REQUESTS_PER_MINUTE =
      decimal(
          ranged(
              "vision.limits.requestsPerMinute",
              ValueType.RATE,
              "12/min",
              "1/h",
              "100",
              "Requests started per unit of time, retries included."));

  public static final Setting<Integer> VISION_LIMITS_IMAGES_PER_HOUR =
      integer(
          ranged(
              "vision.limits.imagesPerHour",
              ValueType.INTEGER,
              "1200",
              "1",
              "1000000",
              "Images sent per rolling hour; a batch over it is dropped and counted."));

  public static final Setting<Long> VISION_LIMITS_MAX_REQUEST_BYTES =
      number(
          ranged(
              "vision.limits.maxRequestBytes",
              ValueType.SIZE,
              "16MiB",
              "64KiB",
              "30MiB",
              "Encoded image bytes in one request; the images that do not fit are left out, the"
                  + " context images first."));

  public static final Setting<Long> VISION_LIMITS_MAX_BYTES_PER_HOUR =
      number(
          ranged(
              "vision.limits.maxBytesPerHour",
              ValueType.SIZE,
              "256MiB",
              "1MiB",
              "1TiB",
              "Encoded image bytes sent per rolling hour; a batch over it is dropped and"
                  + " counted."));

  public static final Setting<Long> VISION_LIMITS_DAILY_TOKENS =
      number(
          ranged(
              "vision.limits.dailyTokens",
              ValueType.INTEGER,
              "2000000",
              "1000",
              "10000000000",
              "Input plus output tokens the provider may bill per UTC day, as its replies report"
                  + " them; once spent, batches are dropped until the day ends."));

  public static final Setting<Integer> VISION_LIMITS_MAX_OUTPUT_TOKENS =
      integer(
          ranged(
              "vision.limits.maxOutputTokens",
              ValueType.INTEGER,
              "512",
              "16",
              "32000",
              "The most tokens one reply may use."));

  public static final Setting<Duration> VISION_LIMITS_CONNECT_TIMEOUT =
      duration(
          ranged(
              "vision.limits.connectTimeout",
              ValueType.DURATION,
              "5s",
              "100ms",
              "5m",
              "Longest wait to open a connection to the provider."));

  public static final Setting<Duration> VISION_LIMITS_REQUEST_TIMEOUT =
      duration(
          ranged(
              "vision.limits.requestTimeout",
              ValueType.DURATION,
              "60s",
              "1s",
              "30m",
              "Longest wait for a whole reply, from sending the request to its last byte."));

  public static final Setting<Integer> VISION_LIMITS_MAX_ATTEMPTS =
      integer(
          ranged(
              "vision.limits.maxAttempts",
              ValueType.INTEGER,
              "3",
              "1",
              "20",
              "Attempts per batch, the first included; 429, 529, 5xx, timeouts and dropped"
                  + " connections are retried after an exponential backoff with jitter, or after"
                  + " the provider's Retry-After."));

  public static final Setting<Duration> VISION_LIMITS_LONGEST_RETRY_WAIT =
      duration(
          ranged(
              "vision.limits.longestRetryWait",
              ValueType.DURATION,
              "60s",
              "1s",
              "1h",
              "A Retry-After longer than this fails the batch instead of holding it."));

  public static final Setting<Integer> VISION_QUEUE_BATCHES =
      integer(
          ranged(
              "vision.queue.batches",
              ValueType.INTEGER,
              "8",
              "1",
              "1000",
              "Batches waiting for the provider; when full, or while the circuit breaker is open,"
                  + " the oldest is dropped and counted."));

  public static final Setting<Integer> VISION_BREAKER_FAILURES =
      integer(
          ranged(
              "vision.breaker.failures",
              ValueType.INTEGER,
              "5",
              "1",
              "1000",
              "Failed attempts in a row that open the circuit breaker."));

  public static final Setting<Duration> VISION_BREAKER_OPEN_FOR =
      duration(
          ranged(
              "vision.breaker.openFor",
              ValueType.DURATION,
              "60s",
              "1s",
              "1d",
              "How long an open breaker refuses calls before one probe is let through."));

  public static final Setting<Integer> VISION_NOTICES_PER_MINUTE =
      integer(
          ranged(
              "vision.notices.perMinute",
              ValueType.INTEGER,
              "3",
              "0",
              "60",
              "Proactive notices (insights that say the user may need help) pushed per minute at"
                  + " most; 0 pushes none."));

  public static final Setting<Duration> VISION_NOTICES_COOLDOWN =
      duration(
          ranged(
              "vision.notices.cooldown",
              ValueType.DURATION,
              "20s",
              "0s",
              "1h",
              "Least time between two proactive notices."));

  public static final Setting<Double> VISION_NOTICES_MIN_CONFIDENCE =
      decimal(
          restart(
              "vision.notices.minConfidence",
              ValueType.FRACTION,
              "0.5",
              "An insight becomes a proactive notice only when its confidence is at least this."));

  public static final Setting<Boolean> VISION_NOTICES_DESKTOP =
      bool(
          restart(
              "vision.notices.desktop",
              ValueType.BOOLEAN,
              "false",
              "Also raise a desktop notification for each proactive notice (notify-send on"
                  + " Linux, osascript on macOS)."));

  public static final Setting<Integer> API_PORT =
      integer(
          ranged(
              "api.port",
              ValueType.INTEGER,
              "7117",
              "1",
              "65535",
              "TCP port of the local HTTP API."));

  public static final Setting<String> API_BIND_ADDRESS =
      text(
          restart(
              "api.bindAddress",
              ValueType.TEXT,
              "127.0.0.1",
              "The IP address the API listens on. Anything but a loopback address (127.0.0.1,"
                  + " ::1) is refused unless api.allowRemote is true."));

  public static final Setting<Boolean> API_ALLOW_REMOTE =
      bool(
          restart(
              "api.allowRemote",
              ValueType.BOOLEAN,
              "false",
              "Allow api.bindAddress to be an address other machines can reach. The bearer"
                  + " token is needed on every route but health either way."));

  public static final Setting<Double> API_RATE_LIMIT =
      decimal(
          ranged(
              "api.rateLimit",
              ValueType.RATE,
              "2000/s",
              "1",
              "100000",
              "Requests per second one client address may make; more are answered 429 with"
                  + " Retry-After. All local tools share 127.0.0.1."));

  public static final Setting<Duration> API_REQUEST_TIMEOUT =
      duration(
          ranged(
              "api.requestTimeout",
              ValueType.DURATION,
              "30s",
              "1s",
              "10m",
              "A request not answered in this time gets 503 (the event stream is exempt)."));

  public static final Setting<Duration> API_STALL_AFTER =
      duration(
          setting(
              "api.stallAfter",
              ValueType.DURATION,
              "5s",
              true,
              "1s",
              "1h",
              List.of(),
              "While the source is live, no processed frame for this long makes health and"
                  + " status report the pipeline as stalled."));

  public static final Setting<Duration> HISTORY_RETENTION_MAX_AGE =
      duration(
          live(
              "history.retention.maxAge",
              ValueType.DURATION,
              "30d",
              "1h",
              "3650d",
              "Journal history older than this is deleted, a whole day (one journal cycle) at a"
                  + " time, once the day has ended."));

  public static final Setting<Long> HISTORY_RETENTION_MAX_BYTES =
      number(
          live(
              "history.retention.maxBytes",
              ValueType.DISK_SIZE,
              "10GiB",
              "1MiB",
              "64TiB",
              "The journal's files on disk are kept under this by deleting the oldest days"
                  + " first; the day being written is always kept, even when it alone is larger."));

  public static final Setting<Duration> HISTORY_RETENTION_CHECK_EVERY =
      duration(
          live(
              "history.retention.checkEvery",
              ValueType.DURATION,
              "1m",
              "1s",
              "1d",
              "How often retention looks at the journal's age and size."));

  public static final Setting<Integer> HISTORY_KEYFRAMES_MAX_LONG_EDGE =
      integer(
          live(
              "history.keyframes.maxLongEdge",
              ValueType.INTEGER,
              "1280",
              "0",
              "7680",
              "CHANGE frames are also kept in the journal as JPEG keyframes scaled to this longer"
                  + " edge, so frames/{seq}/image answers after the ring has moved on; 0 keeps"
                  + " none."));

  public static final Setting<Double> HISTORY_KEYFRAMES_QUALITY =
      decimal(
          live(
              "history.keyframes.quality",
              ValueType.FRACTION,
              "0.7",
              null,
              null,
              "JPEG quality of keyframes, between 0 and 1."));

  public static final Setting<Duration> HISTORY_KEYFRAMES_MIN_INTERVAL =
      duration(
          live(
              "history.keyframes.minInterval",
              ValueType.DURATION,
              "5s",
              "0s",
              "1h",
              "Least time between two keyframes of one display; CHANGE frames closer together"
                  + " are journaled without one."));

  public static final Setting<Long> HISTORY_DISK_KEYFRAMES_MIN_FREE =
      number(
          live(
              "history.disk.keyframesMinFree",
              ValueType.DISK_SIZE,
              "1GiB",
              "1MiB",
              "64TiB",
              "With less free space than this on the journal's disk, keyframes are no longer"
                  + " written (frame records still are), until the space is back."));

  public static final Setting<Long> HISTORY_DISK_RECORDS_MIN_FREE =
      number(
          live(
              "history.disk.recordsMinFree",
              ValueType.DISK_SIZE,
              "64MiB",
              "1MiB",
              "64TiB",
              "With less free space than this on the journal's disk (plus what the frame ring"
                  + " gave back and may take again), nothing more is journaled until the space"
                  + " is back: a full disk would fault the journal's mapped files. Capture and the"
                  + " API go on."));

  public static final Setting<List<String>> PRIVACY_EXCLUDE_APPS =
      names(
          restart(
              "privacy.exclude.apps",
              ValueType.NAME_LIST,
              "",
              "Applications whose windows never reach the frame ring, by name, WM_CLASS (X11) or"
                  + " bundle id (macOS); matched without regard to case."));

  public static final Setting<List<String>> PRIVACY_EXCLUDE_TITLES =
      names(
          restart(
              "privacy.exclude.titles",
              ValueType.PATTERN_LIST,
              "",
              "Windows whose title matches one of these regular expressions, without regard to"
                  + " case (start a pattern with (?-i) to match case), never reach the frame ring:"
                  + " their visible area is blanked before a frame is written, and their redraws"
                  + " leave no trace."));

  public static final Setting<List<String>> PRIVACY_EXCLUDE_DEFAULTS =
      names(
          setting(
              "privacy.exclude.defaults",
              ValueType.NAME_LIST,
              String.join(", ", DefaultExclusions.NAMES),
              false,
              null,
              null,
              DefaultExclusions.NAMES,
              "Windows excluded without being named above, by group: private-browsing (titles"
                  + " with Private Browsing, Incognito, InPrivate or (Private), and Tor Browser),"
                  + " password-managers (1Password, Bitwarden, KeePassXC, KeePass, Keychain Access,"
                  + " Seahorse, KWallet) and lock-screens (i3lock, xsecurelock, xscreensaver,"
                  + " light-locker and other lockers, loginwindow). Leave a group out to let its"
                  + " windows be captured; an empty list keeps only the rules above. GET"
                  + " /api/v1/privacy lists every rule in force."));

  public static final Setting<Boolean> PRIVACY_ENCRYPT =
      bool(
          restart(
              "privacy.encrypt",
              ValueType.BOOLEAN,
              "true",
              "Encrypt what the history holds of the screen (keyframes, text read from it, window"
                  + " titles, insights, the text index) with AES-GCM under a key kept out of the"
                  + " data dir (privacy.key.store). Off: new records are written in the clear;"
                  + " what was encrypted still needs its key to be read."));

  public static final Setting<String> PRIVACY_KEY_STORE =
      text(
          setting(
              "privacy.key.store",
              ValueType.CHOICE,
              "auto",
              false,
              null,
              null,
              List.of("auto", "keychain", "secret-service", "file"),
              "Where the history's key is kept: keychain (macOS, through the security tool),"
                  + " secret-service (Linux, through secret-tool, in the login keyring), file"
                  + " (privacy.key.file, mode 0600). auto: the keychain on macOS, the Secret"
                  + " Service where the session has one, else the file. The store a history was"
                  + " first encrypted with is the one it is opened with after."));

  public static final Setting<String> PRIVACY_KEY_FILE =
      text(
          restart(
              "privacy.key.file",
              ValueType.TEXT,
              "",
              "The key file, when the key is kept in a file. Empty: history.key in the config"
                  + " dir (${XDG_CONFIG_HOME:-~/.config}/ironcliw on Linux,"
                  + " ~/Library/Preferences/Ironcliw on macOS). Must not be inside the data dir."));

  public static final Setting<String> TEXT_ENGINE =
      text(
          setting(
              "text.engine",
              ValueType.CHOICE,
              "auto",
              false,
              null,
              null,
              List.of("auto", "tesseract", "apple-vision", "none"),
              "What reads the text on screen, so that search finds it: tesseract (the system's"
                  + " libtesseract), apple-vision (macOS: Vision's text recognition, through the"
                  + " capture shim), none, or auto (Apple Vision on a Mac, else Tesseract where it"
                  + " is installed, else none, with a line at start saying how to install it)."));

  public static final Setting<String> TEXT_LANGUAGES =
      text(
          restart(
              "text.languages",
              ValueType.TEXT,
              "eng",
              "The languages text is read in, as Tesseract names them, joined by +: eng,"
                  + " eng+deu, eng+chi_sim. Each needs its language data installed. Apple Vision"
                  + " takes them as BCP-47 tags (eng is en-US, chi_sim zh-Hans; a tag such as"
                  + " de-DE may be given as it is)."));

  public static final Setting<Duration> TEXT_SETTLE =
      duration(
          ranged(
              "text.settle",
              ValueType.DURATION,
              "1s",
              "100ms",
              "1m",
              "An area that changed is read once it has not changed for this long, not on every"
                  + " frame."));

  public static final Setting<Double> TEXT_MAX_CPU_SHARE =
      decimal(
          ranged(
              "text.maxCpuShare",
              ValueType.FRACTION,
              "0.25",
              null,
              null,
              "The share of one core text recognition may use; over it, recognition waits and"
                  + " then reads the newest settled state, counting what it skipped."));

  private static final List<Setting<?>> SETTINGS =
      List.of(
          DATA_DIR,
          CAPTURE_SOURCE,
          CAPTURE_DISPLAYS,
          CAPTURE_FPS,
          CAPTURE_RESOLUTION,
          CAPTURE_RING_HISTORY,
          CAPTURE_REPLAY_FAST,
          CAPTURE_REPLAY_LOOP,
          CAPTURE_SYNTHETIC_WIDTH,
          CAPTURE_SYNTHETIC_HEIGHT,
          MEMORY_TOTAL,
          MEMORY_BUDGETS_DEDUP,
          MEMORY_BUDGETS_FRAME_RING,
          MEMORY_BUDGETS_VISION_QUEUE,
          MEMORY_BUDGETS_GPU_BUFFERS,
          MEMORY_BUDGETS_JOURNAL_CACHES,
          MEMORY_BUDGETS_TEXT_INDEX,
          MEMORY_BUDGETS_HEAP,
          MEMORY_PRESSURE_MEDIUM,
          MEMORY_PRESSURE_HIGH,
          MEMORY_PRESSURE_CRITICAL,
          MEMORY_PRESSURE_DWELL,
          MEMORY_PRESSURE_INTERVAL,
          MEMORY_PRESSURE_ACTIONS_MEDIUM,
          MEMORY_PRESSURE_ACTIONS_HIGH,
          MEMORY_PRESSURE_ACTIONS_CRITICAL,
          DEDUP_REVISIT_WINDOW,
          DEDUP_GENERATIONS,
          DEDUP_FALSE_POSITIVE_RATE,
          DEDUP_BLOOM,
          DEDUP_VOLATILE_MIN_BEATS,
          DEDUP_VOLATILE_RHYTHM_TOLERANCE,
          DEDUP_VOLATILE_MAX_PERIOD,
          DEDUP_VOLATILE_QUIET_PERIODS,
          DIFF_TILE_SIZE,
          DIFF_BACKEND,
          DIFF_THREADS,
          DIFF_TILE_THRESHOLD,
          VISION_PROVIDER,
          VISION_BATCH_SIZE,
          VISION_BATCH_MAX_WAIT,
          VISION_ANTHROPIC_MODEL,
          VISION_ANTHROPIC_BASE_URL,
          VISION_ANTHROPIC_KEY_FILE,
          VISION_OPENAI_MODEL,
          VISION_OPENAI_BASE_URL,
          VISION_OPENAI_KEY_FILE,
          VISION_AUTO_LOCAL_BASE_URL,
          VISION_AUTO_LOCAL_MODEL,
          VISION_IMAGE_MAX_LONG_EDGE,
          VISION_IMAGE_MAX_BYTES,
          VISION_IMAGE_PADDING,
          VISION_IMAGE_MAX_CROPS_PER_FRAME,
          VISION_IMAGE_CONTEXT_SHARE,
          VISION_IMAGE_CONTEXT_LONG_EDGE,
          VISION_SCREEN_TEXT_MAX_CHARS,
          VISION_LIMITS_CONCURRENCY,
          VISION_LIMITS_REQUESTS_PER_MINUTE,
          VISION_LIMITS_IMAGES_PER_HOUR,
          VISION_LIMITS_MAX_REQUEST_BYTES,
          VISION_LIMITS_MAX_BYTES_PER_HOUR,
          VISION_LIMITS_DAILY_TOKENS,
          VISION_LIMITS_MAX_OUTPUT_TOKENS,
          VISION_LIMITS_CONNECT_TIMEOUT,
          VISION_LIMITS_REQUEST_TIMEOUT,
          VISION_LIMITS_MAX_ATTEMPTS,
          VISION_LIMITS_LONGEST_RETRY_WAIT,
          VISION_QUEUE_BATCHES,
          VISION_BREAKER_FAILURES,
          VISION_BREAKER_OPEN_FOR,
          VISION_NOTICES_PER_MINUTE,
          VISION_NOTICES_COOLDOWN,
          VISION_NOTICES_MIN_CONFIDENCE,
          VISION_NOTICES_DESKTOP,
          API_PORT,
          API_BIND_ADDRESS,
          API_ALLOW_REMOTE,
          API_RATE_LIMIT,
          API_REQUEST_TIMEOUT,
          API_STALL_AFTER,
          HISTORY_RETENTION_MAX_AGE,
          HISTORY_RETENTION_MAX_BYTES,
          HISTORY_RETENTION_CHECK_EVERY,
          HISTORY_KEYFRAMES_MAX_LONG_EDGE,
          HISTORY_KEYFRAMES_QUALITY,
          HISTORY_KEYFRAMES_MIN_INTERVAL,
          HISTORY_DISK_KEYFRAMES_MIN_FREE,
          HISTORY_DISK_RECORDS_MIN_FREE,
          TEXT_ENGINE,
          TEXT_LANGUAGES,
          TEXT_SETTLE,
          TEXT_MAX_CPU_SHARE,
          PRIVACY_EXCLUDE_APPS,
          PRIVACY_EXCLUDE_TITLES,
          PRIVACY_EXCLUDE_DEFAULTS,
          PRIVACY_ENCRYPT,
          PRIVACY_KEY_STORE,
          PRIVACY_KEY_FILE);

  private static final Map<String, Setting<?>> BY_PATH = new LinkedHashMap<>();

  static {
    for (Setting<?> s : SETTINGS) {
      BY_PATH.put(s.path(), s);
    }
  }

  private ConfigSchema() {}

  public static List<Setting<?>> settings() {
    return SETTINGS;
  }

  public static Optional<Setting<?>> find(String path) {
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

  private static Setting<Object> restart(
      String path, ValueType type, String def, String description) {
    return setting(path, type, def, false, null, null, List.of(), description);
  }

  private static Setting<Object> live(
      String path, ValueType type, String def, String min, String max, String description) {
    return setting(path, type, def, true, min, max, List.of(), description);
  }

  private static Setting<Object> actions(String path, String def, String description) {
    return setting(
        path, ValueType.NAME_LIST, def, true, null, null, PressureActionNames.ALL, description);
  }

  private static Setting<Object> ranged(
      String path, ValueType type, String def, String min, String max, String description) {
    return setting(path, type, def, false, min, max, List.of(), description);
  }

  private static Setting<Object> setting(
      String path,
      ValueType type,
      String def,
      boolean live,
      String min,
      String max,
      List<String> choices,
      String description) {
    return new Setting<>(path, type, def, live, min, max, choices, description, value -> value);
  }

  // The Java type of each value type's parsed value (ValueType#parse), checked once here.

  private static Setting<String> text(Setting<Object> s) {
    return typed(
        s, String.class, ValueType.TEXT, ValueType.URL, ValueType.CHOICE, ValueType.SOURCE);
  }

  private static Setting<Boolean> bool(Setting<Object> s) {
    return typed(s, Boolean.class, ValueType.BOOLEAN);
  }

  /** Whole numbers as long, sizes in bytes. */
  private static Setting<Long> number(Setting<Object> s) {
    return typed(s, Long.class, ValueType.INTEGER, ValueType.SIZE, ValueType.DISK_SIZE);
  }

  /** Whole numbers that fit an int (their range says so). */
  private static Setting<Integer> integer(Setting<Object> s) {
    return typed(s, Long.class, ValueType.INTEGER).readAs(v -> Math.toIntExact((Long) v));
  }

  private static Setting<Duration> duration(Setting<Object> s) {
    return typed(s, Duration.class, ValueType.DURATION);
  }

  /** Rates per second and fractions. */
  private static Setting<Double> decimal(Setting<Object> s) {
    return typed(s, Double.class, ValueType.RATE, ValueType.FRACTION);
  }

  private static Setting<List<String>> names(Setting<Object> s) {
    check(s, ValueType.NAME_LIST, ValueType.PATTERN_LIST);
    return s.readAs(v -> ((List<?>) v).stream().map(String::valueOf).toList());
  }

  private static <T> Setting<T> typed(Setting<Object> s, Class<T> javaType, ValueType... types) {
    check(s, types);
    return s.readAs(javaType::cast);
  }

  private static void check(Setting<?> s, ValueType... types) {
    if (!List.of(types).contains(s.type())) {
      throw new IllegalStateException(
          s.path() + " is " + s.type() + ", not one of " + List.of(types));
    }
  }
}

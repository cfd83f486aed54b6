package dev.ironcliw.config;

import dev.ironcliw.config.schema.ConfigSchema;
import dev.ironcliw.config.schema.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config file and publishes each valid change to subscribers; an invalid change is
 * logged and the running configuration kept. Live keys can also be set through {@link #set}, which
 * wins over the file and the command line until the daemon restarts.
 *
 * <p>Polls the file's content, which also sees editors that save by rename and works the same on
 * every OS. Runs on its own daemon thread; subscribers are called on it.
 */
public final class ConfigWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

  private final Path file;
  private final ConfigLoader loader;
  private final Map<String, String> overrides;
  private final Map<String, String> apiValues = new java.util.TreeMap<>();
  private final Duration pollInterval;
  private final CopyOnWriteArrayList<Consumer<ConfigChange>> subscribers =
      new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<
          java.util.function.Function<IroncliwConfig, List<ConfigProblem>>>
      checks = new CopyOnWriteArrayList<>();
  private final Thread thread;

  /**
   * Parses the file off the watcher's thread, so a file that takes the parser long (a huge or
   * hostile one under the size cap) cannot hold the watching up; a parse over {@link #PARSE_LIMIT}
   * is given up on.
   */
  private final ExecutorService parser =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("config-parser").unstarted(r));

  private Future<IroncliwConfig> parsing;
  private volatile IroncliwConfig current;
  private volatile boolean running = true;

  /** The longest a change of the file may take to parse. */
  static final Duration PARSE_LIMIT = Duration.ofSeconds(10);

  /** The file's last text read; null while it has never been there. */
  private String lastStamp;

  private String lastValidText;

  /** Why the file itself is not in use now (deleted, unreadable); empty when it is fine. */
  private volatile String fileProblem = "";

  /** Why the file's last text was rejected; empty when it was applied. */
  private volatile String textProblem = "";

  public ConfigWatcher(
      Path file,
      ConfigLoader loader,
      Map<String, String> overrides,
      IroncliwConfig initial,
      Duration pollInterval) {
    this.file = file;
    this.loader = loader;
    this.overrides = Map.copyOf(overrides);
    this.pollInterval = pollInterval;
    this.current = initial;
    this.lastStamp = readOrNull();
    this.lastValidText = lastStamp == null ? "" : lastStamp;
    this.thread = Thread.ofPlatform().daemon().name("config-watcher").unstarted(this::run);
  }

  public void start() {
    thread.start();
  }

  public void subscribe(Consumer<ConfigChange> subscriber) {
    subscribers.add(subscriber);
  }

  /**
   * Adds a rule that only the running daemon can check (e.g. that the ring budget holds two frames
   * of the screen it captures); a new configuration that breaks it is rejected like a parse error.
   */
  public void addCheck(java.util.function.Function<IroncliwConfig, List<ConfigProblem>> check) {
    checks.add(check);
  }

  private IroncliwConfig checked(IroncliwConfig next, String sourceName) {
    List<ConfigProblem> problems = new java.util.ArrayList<>();
    for (var check : checks) {
      problems.addAll(check.apply(next));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(sourceName, problems);
    }
    return next;
  }

  public IroncliwConfig current() {
    return current;
  }

  public Path file() {
    return file;
  }

  /**
   * Checks the file once; returns true when a valid change was published. A file that was there and
   * is now deleted or unreadable changes nothing: the running configuration stays, as it does for
   * invalid text.
   */
  public synchronized boolean checkNow() {
    if (parsing != null && !parsing.isDone()) {
      return false; // a parse given up on still runs: nothing new until it is over
    }
    String stamp;
    try {
      long size = Files.size(file);
      if (size > ConfigLoader.MAX_FILE_BYTES) {
        String problem = ConfigLoader.tooLarge(size).message();
        if (!problem.equals(fileProblem)) {
          LOG.warn("config file {} {}; keeping the running configuration", file, problem);
          fileProblem = problem;
        }
        lastStamp = null; // read again once it is small again, whatever it then says
        return false;
      }
      stamp = Files.readString(file);
    } catch (IOException e) {
      if (lastStamp != null) {
        String problem =
            switch (e) {
              case NoSuchFileException deleted -> "was deleted";
              case java.nio.charset.CharacterCodingException binary -> "is not UTF-8 text";
              default -> "cannot be read (" + e.getClass().getSimpleName() + ")";
            };
        if (!problem.equals(fileProblem)) {
          LOG.warn(
              "config file {} {}; keeping the running configuration (a restart without it uses"
                  + " the defaults)",
              file,
              problem);
          fileProblem = problem;
        }
      }
      return false;
    }
    if (!fileProblem.isEmpty()) {
      LOG.info("config file {} is back", file);
      fileProblem = "";
    }
    if (Objects.equals(stamp, lastStamp)) {
      return false;
    }
    lastStamp = stamp;
    IroncliwConfig next;
    try {
      Map<String, String> api = Map.copyOf(apiValues);
      parsing = parser.submit(() -> loader.parse(stamp, file.toString(), overrides, api));
      next = checked(parsing.get(PARSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS), file.toString());
    } catch (ConfigException e) {
      return rejected(e.getMessage());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return rejected(
          cause instanceof ConfigException invalid ? invalid.getMessage() : cause.toString());
    } catch (TimeoutException e) {
      LOG.error(
          "config file {} took over {} s to parse; keeping the running configuration",
          file,
          PARSE_LIMIT.toSeconds());
      textProblem =
          "rejected, the running configuration is kept: it took over "
              + PARSE_LIMIT.toSeconds()
              + " s to parse";
      lastStamp = null; // parsed again once this parse is over
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    textProblem = "";
    lastValidText = stamp;
    return publish(next);
  }

  /** Why the file is not what runs (deleted, unreadable, rejected); empty when it is. */
  public String problem() {
    String file = fileProblem;
    return file.isEmpty() ? textProblem : file;
  }

  /**
   * Sets a live key at run time, checked against the rest of the running configuration.
   *
   * @return the configuration now running
   * @throws ConfigException when the key is unknown, needs a restart, or the value is invalid; the
   *     running configuration is kept
   */
  public synchronized IroncliwConfig set(String key, String value) {
    Setting<?> setting =
        ConfigSchema.find(key)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "PUT", List.of(new ConfigProblem(key, "is not a configuration key"))));
    if (!setting.live()) {
      throw new ConfigException(
          "PUT",
          List.of(
              new ConfigProblem(
                  key, "takes effect only at a restart; set it in " + file + " instead")));
    }
    Map<String, String> next = new java.util.TreeMap<>(apiValues);
    next.put(key, value);
    IroncliwConfig config = checked(loader.parse(lastValidText, "PUT", overrides, next), "PUT");
    apiValues.put(key, value);
    publish(config);
    return current;
  }

  private boolean publish(IroncliwConfig next) {
    Set<String> live = new TreeSet<>();
    Set<String> restart = new TreeSet<>();
    for (Setting<?> s : ConfigSchema.settings()) {
      if (!Objects.equals(current.rawValues().get(s.path()), next.rawValues().get(s.path()))) {
        (s.live() ? live : restart).add(s.path());
      }
    }
    if (live.isEmpty() && restart.isEmpty()) {
      return false;
    }
    ConfigChange change = new ConfigChange(current, next, live, restart);
    current = next;
    if (!live.isEmpty()) {
      LOG.info("config change applied live: {}", live);
    }
    if (!restart.isEmpty()) {
      LOG.warn("config change needs a restart to take effect: {}", restart);
    }
    for (Consumer<ConfigChange> subscriber : subscribers) {
      subscriber.accept(change);
    }
    return true;
  }

  private void run() {
    while (running) {
      try {
        Thread.sleep(pollInterval);
        checkNow();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("config watcher error (still watching)", e);
      }
    }
  }

  /** Keeps the running configuration after a change that failed for {@code why}; false. */
  private boolean rejected(String why) {
    LOG.error("config change rejected, keeping the running configuration: {}", why);
    textProblem = "rejected, the running configuration is kept: " + why;
    return false;
  }

  /** The file's content: small, and exact where modification times are coarse. */
  private String readOrNull() {
    try {
      if (Files.size(file) > ConfigLoader.MAX_FILE_BYTES) {
        return null;
      }
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    parser.shutdownNow();
  }
}

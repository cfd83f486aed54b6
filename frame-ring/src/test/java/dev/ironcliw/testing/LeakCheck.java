package dev.ironcliw.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves threads or file mappings behind: whatever it started or mapped must be
 * gone when it ends (a closed ring unmaps its file, a stopped daemon's threads end). Threads and
 * mappings get {@link #GRACE_MILLIS} to go, mappings with garbage collections meanwhile. Registered
 * for every test of the modules that have this test jar, by JUnit's extension autodetection (on in
 * the parent pom's surefire configuration) and this jar's service file.
 *
 * <p>Left alone: threads the JDK and libraries start once per process and keep (named in {@link
 * #PROCESS_WIDE}), and mappings of libraries ({@code .so}, {@code .jar}) loaded on first use.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {
  static final long GRACE_MILLIS = 5_000;

  /** Threads that live as long as the process, by name. */
  static final Pattern PROCESS_WIDE =
      Pattern.compile(
          String.join(
              "|",
              "Attach Listener",
              "Common-Cleaner",
              "process reaper.*",
              "ForkJoinPool\\.commonPool-(worker-.*|delayScheduler)",
              // a test's HttpClient: its selector, and workers that end after a minute idle
              "HttpClient-\\d+-(SelectorManager|Worker-\\d+)",
              "background~resource~releaser", // Chronicle's, started once
              // Reactor's shared schedulers (the MCP SDK's client and server), started once
              "parallel-\\d+",
              "boundedElastic-(\\d+|evictor-\\d+)",
              // Selenium's shared pool that waits for a driver's port (the page's browser tests)
              "UrlChecker-\\d+",
              "Keep-Alive-(Timer|SocketCleaner)",
              "JNA Cleaner",
              "Java2D Disposer",
              "Image Fetcher \\d+",
              "junit-.*",
              "surefire-.*",
              "Signal Dispatcher",
              "Notification Thread",
              "Reference Handler",
              "Finalizer"));

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LeakCheck.class);

  private record Before(Set<Thread> threads, Map<String, Integer> mappings) {}

  @Override
  public void beforeEach(ExtensionContext context) {
    context
        .getStore(NAMESPACE)
        .put("before", new Before(Set.copyOf(Thread.getAllStackTraces().keySet()), mappings()));
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    Before before = context.getStore(NAMESPACE).remove("before", Before.class);
    if (before == null || context.getExecutionException().isPresent()) {
      return; // the test's own failure says more
    }
    List<String> leaks = new ArrayList<>();
    List<Thread> threads =
        waitFor("the test's threads to end", () -> newThreads(before), Duration.ofMillis(50));
    for (Thread t : threads) {
      leaks.add("thread \"" + t.getName() + "\" (" + t.getState() + ")");
    }
    // A MappedByteBuffer is unmapped when collected, and Chronicle unmaps on a background thread.
    Map<String, Integer> mapped =
        waitFor(
            "the test's mappings to go",
            () -> {
              System.gc();
              return newMappings(before);
            },
            Duration.ofMillis(200));
    mapped.forEach((file, count) -> leaks.add("mapping of " + file + " (" + count + "x)"));
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          context.getDisplayName() + " left behind: " + String.join(", ", leaks));
    }
  }

  /** Polls {@code leftovers} until it is empty or the grace time is over; the last leftovers. */
  private static <T> T waitFor(String what, Supplier<T> leftovers, Duration interval) {
    AtomicReference<T> last = new AtomicReference<>();
    try {
      Waits.await(what, Duration.ofMillis(GRACE_MILLIS))
          .pollInterval(interval)
          .until(
              () -> {
                last.set(leftovers.get());
                return isEmpty(last.get());
              });
    } catch (ConditionTimeoutException e) {
      // reported by the caller, with what is left
    }
    return last.get();
  }

  private static boolean isEmpty(Object leftovers) {
    return leftovers instanceof Map<?, ?> map ? map.isEmpty() : ((List<?>) leftovers).isEmpty();
  }

  private static List<Thread> newThreads(Before before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !before.threads().contains(t))
        .filter(t -> !PROCESS_WIDE.matcher(t.getName()).matches())
        .toList();
  }

  private static Map<String, Integer> newMappings(Before before) {
    Map<String, Integer> added = new HashMap<>();
    mappings()
        .forEach(
            (file, count) -> {
              int extra = count - before.mappings().getOrDefault(file, 0);
              if (extra > 0) {
                added.put(file, extra);
              }
            });
    return added;
  }

  /**
   * Mapped files of this process, as /proc/self/maps lists them, without libraries; by path, how
   * many regions. Empty where there is no /proc (macOS).
   */
  static Map<String, Integer> mappings() {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return Map.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(maps);
    } catch (IOException e) {
      return Map.of();
    }
    String javaHome = System.getProperty("java.home");
    return lines.stream()
        .map(line -> line.split("\\s+", 6))
        .filter(fields -> fields.length == 6 && fields[5].startsWith("/"))
        .map(fields -> fields[5])
        .filter(path -> !isLibrary(path, javaHome))
        .collect(Collectors.toMap(path -> path, path -> 1, Integer::sum));
  }

  private static boolean isLibrary(String path, String javaHome) {
    return path.matches(".*\\.so(\\.[0-9.]+)?( \\(deleted\\))?")
        || path.endsWith(".jar")
        || path.startsWith(javaHome)
        || path.startsWith("/usr/lib/locale/")
        || path.startsWith("/usr/share/")
        || path.startsWith("/dev/")
        || path.startsWith("/memfd:")
        || path.matches(".*/jna\\d+\\.tmp( \\(deleted\\))?") // JNA's unpacked library
        // libffi's pages for native callbacks (JNA's), made once and kept for the process
        || path.matches(".*/ffi\\w+ \\(deleted\\)");
  }
}

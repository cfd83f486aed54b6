package dev.ironcliw.daemon;

import dev.ironcliw.testing.Waits;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/** A real daemon in a child JVM, started with the test's classpath, plus an API client for it. */
final class DaemonProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A 320x180 synthetic desktop and a 16 MiB ring: fast to start, small on disk. */
  static final String SMALL_DESKTOP_YAML =
      """
      capture:
        fps: 20
        synthetic:
          width: 320
          height: 180
      memory:
        budgets:
          frameRing: 16MiB
      """;

  private final Process process;
  private final Path dataDir;
  private final int port;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean stopped; // by the test: terminate or kill9

  private DaemonProcess(Process process, Path dataDir, int port) {
    this.process = process;
    this.dataDir = dataDir;
    this.port = port;
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  output.add(line);
                }
              } catch (IOException e) {
                output.add("(output closed: " + e + ")");
              }
            });
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts {@code ironcliw run --data-dir DIR --port PORT ARGS...} with no DISPLAY. */
  static DaemonProcess start(Path dataDir, int port, String... args) throws IOException {
    return start(null, dataDir, port, args);
  }

  /**
   * Starts a daemon replaying the PNG files of {@code shots} as fast as it goes, with a ring of
   * {@code frameRing} (a config size such as {@code 16MiB}); its config file is written to {@code
   * dir}. Returns once the API answers.
   */
  static DaemonProcess startReplay(Path dir, Path shots, String frameRing) throws Exception {
    Path config = dir.resolve("ironcliw.yaml");
    Files.writeString(config, "memory:\n  budgets:\n    frameRing: " + frameRing + "\n");
    return start(
            dir.resolve("data"),
            freePort(),
            "--config",
            config.toString(),
            "--source",
            "replay:" + shots,
            "--replay-fast")
        .awaitReady();
  }

  /**
   * Replays a recording through a daemon started in {@code dir}, waits until every frame is
   * processed, and lists every frame's record over the API.
   */
  static List<JsonObject> replayVerdicts(Path dir, Path shots) throws Exception {
    long expected;
    try (var files = Files.list(shots)) {
      expected = files.count();
    }
    try (DaemonProcess daemon = startReplay(dir, shots, "64MiB")) {
      daemon.awaitStatus(
          s -> s.getJsonObject("frames").getLong("processed") == expected, Duration.ofMinutes(3));
      System.out.println("replay: dedup status " + daemon.status().getJsonObject("dedup").encode());
      List<JsonObject> frames = daemon.allFrames("", 500);
      if (frames.size() != expected) {
        throw new AssertionError(
            "the API lists " + frames.size() + " frames of the " + expected + " replayed");
      }
      return frames;
    }
  }

  /** As {@link #start(Path, int, String...)}, with DISPLAY set to {@code display} (or unset). */
  static DaemonProcess start(String display, Path dataDir, int port, String... args)
      throws IOException {
    return start(display, dataDir, port, Map.of(), args);
  }

  /**
   * As {@link #start(String, Path, int, String...)} with {@code environment} added. API keys of the
   * machine running the tests never reach the daemon; a test that wants one passes it here.
   */
  static DaemonProcess start(
      String display, Path dataDir, int port, Map<String, String> environment, String... args)
      throws IOException {
    return start(display, dataDir, port, "256m", List.of(), environment, args);
  }

  /**
   * As {@link #start(String, Path, int, Map, String...)}, the heap at most {@code heap} and {@code
   * jvmFlags} after the stack's flags.
   */
  static DaemonProcess start(
      String display,
      Path dataDir,
      int port,
      String heap,
      List<String> jvmFlags,
      Map<String, String> environment,
      String... args)
      throws IOException {
    List<String> command =
        command(heap, "run", "--data-dir", dataDir.toString(), "--port", Integer.toString(port));
    command.addAll(command.indexOf(Main.class.getName()) - 2, jvmFlags); // before -cp CLASSPATH
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (display == null) {
      builder.environment().remove("DISPLAY");
    } else {
      builder.environment().put("DISPLAY", display);
    }
    chainSignals(builder);
    builder.environment().remove("ANTHROPIC_API_KEY");
    builder.environment().remove("OPENAI_API_KEY");
    builder.environment().putAll(environment);
    return new DaemonProcess(builder.start(), dataDir, port);
  }

  /**
   * The command line of {@code ironcliw ARGS} in a child JVM with the test's classpath and the
   * stack's flags, its heap at most {@code heap} (e.g. {@code 128m}).
   */
  static List<String> command(String heap, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmFlags.REQUIRED);
    command.addAll(
        List.of("-Xmx" + heap, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * As the launcher does for {@code run}: the JDK's libjsig loaded first, so the handlers LLVM
   * (loaded with pocl or lavapipe at the diff engine's probe) installs for SIGSEGV and others do
   * not replace the JVM's (a daemon died with SIGSEGV, exit 139, without them).
   */
  static void chainSignals(ProcessBuilder builder) {
    Path jsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
    if (System.getProperty("os.name").equals("Linux") && Files.exists(jsig)) {
      String preload = builder.environment().get("LD_PRELOAD");
      builder.environment().put("LD_PRELOAD", jsig + (preload == null ? "" : ":" + preload));
    }
  }

  /** Starts the synthetic source with {@code config} and waits until the API is up. */
  static DaemonProcess startSynthetic(Path dataDir, Path config, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--config", config.toString(), "--source", "synthetic"));
    args.addAll(List.of(more));
    return start(dataDir, freePort(), args.toArray(String[]::new)).awaitReady();
  }

  /** Waits for a line of output containing {@code text}. */
  DaemonProcess awaitOutput(String text, Duration timeout) {
    try {
      Waits.await("'" + text + "' in the daemon's output", timeout)
          .until(
              () -> {
                synchronized (output) {
                  if (output.stream().anyMatch(l -> l.contains(text))) {
                    return true;
                  }
                }
                if (!process.isAlive()) {
                  throw new AssertionError("daemon exited before '" + text + "':\n" + output());
                }
                return false;
              });
      return this;
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + output(), e);
    }
  }

  DaemonProcess awaitReady() {
    return awaitOutput("ready: API on", Duration.ofSeconds(60));
  }

  /**
   * A frame as the API serves it, less {@code image}: where its pixels are now (ring, keyframe)
   * changes as the ring moves on, the record itself never does.
   */
  static JsonObject recordOf(JsonObject frame) {
    JsonObject record = frame.copy();
    record.remove("image");
    return record;
  }

  /** {@code GET /api/v1/status}, parsed. */
  JsonObject status() throws Exception {
    return new JsonObject(get("/api/v1/status").body());
  }

  /** Polls status until {@code condition} holds; returns that status. */
  JsonObject awaitStatus(Predicate<JsonObject> condition, Duration timeout) {
    AtomicReference<JsonObject> last = new AtomicReference<>();
    try {
      return Waits.await("a status that matches", timeout)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                last.set(status());
                return last.get();
              },
              condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("status never matched; last: " + last.get(), e);
    }
  }

  /** Every record of {@code /api/v1/frames?QUERY}, following the {@code next} cursor. */
  List<JsonObject> allFrames(String query, int pageSize) throws Exception {
    List<JsonObject> frames = new ArrayList<>();
    String cursor = null;
    do {
      String path =
          "/api/v1/frames?limit=" + pageSize + query + (cursor == null ? "" : "&cursor=" + cursor);
      JsonObject page = new JsonObject(get(path).body());
      page.getJsonArray("frames").forEach(f -> frames.add((JsonObject) f));
      cursor = page.getString("next");
    } while (cursor != null);
    return frames;
  }

  String token() throws IOException {
    return Files.readString(dataDir.resolve("api-token")).trim();
  }

  /** {@code GET path}; a JSON reply is checked against the OpenAPI document. */
  HttpResponse<String> get(String path) throws Exception {
    return checked(
        "GET", path, HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString()));
  }

  private static HttpResponse<String> checked(
      String method, String path, HttpResponse<String> response) {
    OpenApiResponses.check(
        method,
        path,
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(null),
        response.body());
    return response;
  }

  HttpResponse<byte[]> getBytes(String path) throws Exception {
    return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** {@code PUT path} with a JSON body. */
  HttpResponse<String> put(String path, String json) throws Exception {
    return checked(
        "PUT",
        path,
        HTTP.send(
            request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  /** {@code POST path} with a JSON body. */
  HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(
        request(path)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code DELETE path}. */
  HttpResponse<String> delete(String path) throws Exception {
    return checked(
        "DELETE",
        path,
        HTTP.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString()));
  }

  /** {@code GET path} with {@code token} instead of the data dir's. */
  HttpResponse<String> getWithToken(String path, String token) throws Exception {
    return checked(
        "GET",
        path,
        HTTP.send(
            HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  HttpResponse<String> getWithoutToken(String path) throws Exception {
    return checked(
        "GET",
        path,
        HTTP.send(
            HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  private HttpRequest.Builder request(String path) throws IOException {
    return HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** SIGKILL: no shutdown code runs. */
  void kill9() throws InterruptedException {
    stopped = true;
    process.toHandle().destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then the exit status. */
  int terminate() throws InterruptedException {
    stopped = true;
    process.toHandle().destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("daemon did not stop on SIGTERM:\n" + output());
    }
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int port() {
    return port;
  }

  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Stops the daemon; one that had exited by itself leaves its output on stderr, to say why. */
  @Override
  public void close() {
    if (!stopped && !process.isAlive()) {
      System.err.println(
          "daemon on port "
              + port
              + " exited by itself with status "
              + process.exitValue()
              + "; its output:\n"
              + output());
    }
    if (process.isAlive()) {
      process.toHandle().destroyForcibly();
      process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }
  }
}

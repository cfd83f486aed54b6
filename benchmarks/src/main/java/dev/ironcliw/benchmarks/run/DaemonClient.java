package dev.ironcliw.benchmarks.run;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The end-to-end runs' side of a daemon started with {@code ./ironcliw run}: its token and API. */
final class DaemonClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final Path data;
  private final int port;
  private String token;

  DaemonClient(Path data, int port) {
    this.data = data;
    this.port = port;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * The launcher: the one that started this run ({@code ./ironcliw bench} sets it), else {@code
   * ./ironcliw} in the working directory.
   */
  static String launcher() {
    return System.getProperty("ironcliw.launcher", "./ironcliw");
  }

  /**
   * Starts {@code ./ironcliw run} with {@code config}, frames from {@code source}, this client's
   * data dir and port; its output goes to {@code log}.
   */
  Process launch(Path config, String source, Path log) throws IOException {
    return launch(config, source, log, java.util.Map.of());
  }

  /** As {@link #launch(Path, String, Path)}, with {@code environment} added (e.g. DISPLAY). */
  Process launch(Path config, String source, Path log, java.util.Map<String, String> environment)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                launcher(),
                "run",
                "--config",
                config.toString(),
                "--data-dir",
                data.toString(),
                "--port",
                Integer.toString(port),
                "--source",
                source)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Waits until the API answers (the first run also builds the daemon), then a little more. */
  void awaitStarted(Process daemon) throws Exception {
    awaitAnswering(daemon);
    Thread.sleep(2000);
  }

  /** Waits until the API answers, polling every 20 ms, and reads the token. */
  void awaitAnswering(Process daemon) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!healthAnswers()) {
      if (!daemon.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("the daemon did not start; see " + data.resolve("daemon.log"));
      }
      Thread.sleep(20);
    }
    token = Files.readString(data.resolve("api-token")).trim();
  }

  private boolean healthAnswers() throws InterruptedException {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health")).build();
      http.send(request, HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** The API token, read once the daemon has started. */
  String token() {
    return token;
  }

  String get(String path) throws Exception {
    return send(path).body();
  }

  /** A GET of {@code path} with the token: the whole answer, status code included. */
  HttpResponse<String> send(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}

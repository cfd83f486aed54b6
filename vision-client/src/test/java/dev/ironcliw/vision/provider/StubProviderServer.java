package dev.ironcliw.vision.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that plays a provider: it answers each request with the next
 * scripted reply (the last one repeats) and records what it received. Shared with the daemon's
 * tests through this module's test jar.
 */
public final class StubProviderServer implements AutoCloseable {
  private static final long HOLD_AT_MOST_SECONDS = 60;

  /** One scripted answer: a status, headers and body after a delay, or a dropped connection. */
  public record Reply(
      int status, Map<String, String> headers, String body, long delayMs, boolean drop) {
    public static Reply json(int status, String body) {
      return new Reply(status, Map.of("content-type", "application/json"), body, 0, false);
    }

    public static Reply dropped() {
      return new Reply(0, Map.of(), "", 0, true);
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> more = new java.util.HashMap<>(headers);
      more.put(name, value);
      return new Reply(status, more, body, delayMs, drop);
    }

    public Reply after(long ms) {
      return new Reply(status, headers, body, ms, drop);
    }
  }

  /** What one request carried, and when it arrived. */
  public record Received(
      String method, String path, Map<String, List<String>> headers, String body, long atNanos) {
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : values.getFirst();
    }
  }

  private final HttpServer server;
  private final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Long> repliedAtNanos = new CopyOnWriteArrayList<>();
  private volatile java.util.concurrent.CountDownLatch gate =
      new java.util.concurrent.CountDownLatch(0);

  public StubProviderServer(Reply... replies) throws IOException {
    script.addAll(List.of(replies));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::answer);
    server.start();
  }

  private void answer(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            headers,
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
            System.nanoTime()));
    Reply reply = script.size() > 1 ? script.pollFirst() : script.peekFirst();
    try {
      if (!gate.await(HOLD_AT_MOST_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
        exchange.close(); // held too long: the test forgot to release
        return;
      }
      if (reply.delayMs() > 0) {
        Thread.sleep(reply.delayMs());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (reply.drop()) {
      exchange.close(); // no status line: the client sees the connection end
      return;
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
    repliedAtNanos.add(System.nanoTime());
  }

  /** {@code http://127.0.0.1:PORT} + {@code path}. */
  public URI uri(String path) {
    return URI.create(
        "http://"
            + server.getAddress().getHostString()
            + ":"
            + server.getAddress().getPort()
            + path);
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  /** When each complete reply was written, {@link System#nanoTime()}. */
  public List<Long> repliedAtNanos() {
    return new ArrayList<>(repliedAtNanos);
  }

  /** Requests wait unanswered from now until {@link #release()} (at most a minute). */
  public void hold() {
    gate = new java.util.concurrent.CountDownLatch(1);
  }

  /** Answers the held requests, and the next ones at once. */
  public void release() {
    gate.countDown();
  }

  /** From now on answers every request with {@code reply}. */
  public void answerAlways(Reply reply) {
    script.clear();
    script.add(reply);
  }

  /** A Messages API reply whose text is {@code text}. */
  public static String anthropicReply(String text, long inputTokens, long outputTokens) {
    return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"claude-test\",\"content\":[{\"type\":\"text\",\"text\":"
        + jsonString(text)
        + "}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":"
        + inputTokens
        + ",\"output_tokens\":"
        + outputTokens
        + "}}";
  }

  /** {@code text} as a JSON string literal. */
  private static String jsonString(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow(); // its threads would outlive the test
  }
}

package dev.ironcliw.daemon;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events client: each event with the time it arrived. */
public final class SseClient implements AutoCloseable {
  /** One event: its name, id, data and arrival ({@link System#nanoTime()}). */
  public record Event(String name, String id, JsonObject data, long arrivedAtNanos) {}

  private final HttpClient http = HttpClient.newHttpClient();
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private volatile boolean ended;
  private final HttpResponse<Stream<String>> response;

  public SseClient(URI uri, String token) throws Exception {
    this(uri, token, null);
  }

  /**
   * @param lastEventId sent as Last-Event-ID (resuming), or null
   */
  public SseClient(URI uri, String token, String lastEventId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    Thread.ofPlatform().daemon().name("sse-client").start(this::read);
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.headers().firstValue("content-type").orElse("");
  }

  private void read() {
    String name = "message";
    String id = null;
    StringBuilder data = new StringBuilder();
    long arrivedAt = 0;
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Event(name, id, new JsonObject(data.toString()), arrivedAt));
          }
          name = "message";
          id = null;
          data.setLength(0);
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          // Stamped as read, before parsing: the first parse loads the JSON library.
          arrivedAt = System.nanoTime();
          data.append(line.substring(6));
        }
      }
    } catch (RuntimeException closed) {
      // the stream ended
    } finally {
      ended = true;
    }
  }

  /** True once the server ended the stream. */
  boolean ended() {
    return ended;
  }

  /** The next event named {@code name}, or null after {@code seconds}. */
  public Event next(String name, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null || event.name().equals(name)) {
        return event;
      }
    }
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}

package dev.ironcliw.daemon;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /api/v1/stream}: Server-Sent Events to every connected client. Any thread may publish;
 * each write happens on the client's own event loop. A client that stops reading is cut off once
 * its write queue is full, so a stuck client cannot make the daemon hold memory.
 */
final class EventStream implements AutoCloseable {
  private static final long KEEP_ALIVE_MS = 15_000;

  private final Vertx vertx;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong cutOff = new AtomicLong();
  private final long keepAliveTimer;

  private record Client(Context context, HttpServerResponse response) {}

  EventStream(Vertx vertx) {
    this.vertx = vertx;
    this.keepAliveTimer = vertx.setPeriodic(KEEP_ALIVE_MS, id -> sendToAll(": keep-alive\n\n"));
  }

  /** Event loop: holds the request open as an event stream. */
  void open(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    Client client = new Client(vertx.getOrCreateContext(), response);
    clients.add(client);
    response.closeHandler(v -> clients.remove(client));
    response.write(": connected\n\n");
  }

  /** Any thread: sends one event to every client. */
  void publish(String event, long id, JsonObject data) {
    published.incrementAndGet();
    sendToAll("id: " + id + "\nevent: " + event + "\ndata: " + data.encode() + "\n\n");
  }

  private void sendToAll(String text) {
    for (Client client : clients) {
      client
          .context()
          .runOnContext(
              v -> {
                if (!clients.contains(client)) {
                  return;
                }
                if (client.response().writeQueueFull()) {
                  clients.remove(client);
                  cutOff.incrementAndGet();
                  client.response().reset();
                  return;
                }
                client.response().write(text);
              });
    }
  }

  int clients() {
    return clients.size();
  }

  long published() {
    return published.get();
  }

  long cutOff() {
    return cutOff.get();
  }

  @Override
  public void close() {
    vertx.cancelTimer(keepAliveTimer);
    for (Client client : clients) {
      client.context().runOnContext(v -> client.response().end());
    }
    clients.clear();
  }
}

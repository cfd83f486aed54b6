package dev.ironcliw.daemon.api;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.RecordKind;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.daemon.journal.record.InsightRecord;
import dev.ironcliw.daemon.journal.record.JournalEvent;
import dev.ironcliw.daemon.journal.record.JournalRecord;
import dev.ironcliw.daemon.journal.record.TextRecord;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /api/v1/stream}: Server-Sent Events of what the journal records (frame verdicts,
 * capture and pressure events, insights, and notices for the insights that became one), each with
 * its journal index as the event id. A client that comes back with {@code Last-Event-ID} first gets
 * what it missed, read from the journal, then the live events. Any thread may publish; each write
 * happens on the client's own event loop. A client that stops reading is cut off once its write
 * queue is full, so a stuck client cannot make the daemon hold memory.
 */
public final class EventStream implements AutoCloseable {
  /** Records one resumption replays at most; then it asks the client to reconnect for more. */
  static final int MAX_REPLAY = 10_000;

  /** Live events held for a client while its replay is read; more cut it off. */
  private static final int MAX_HELD = 10_000;

  private static final long KEEP_ALIVE_MS = 15_000;

  private final Vertx vertx;
  private final Journal journal;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong cutOff = new AtomicLong();
  private final AtomicLong replayed = new AtomicLong();
  private final long keepAliveTimer;

  /** One event, written once for every client that wants its kind. */
  private record Event(RecordKind kind, long id, String text) {}

  /** A connected client; its fields are touched only on its own context. */
  private static final class Client {
    final Context context;
    final HttpServerResponse response;
    final Set<RecordKind> kinds;
    List<Event> held; // non-null while the replay is being read

    Client(Context context, HttpServerResponse response, Set<RecordKind> kinds) {
      this.context = context;
      this.response = response;
      this.kinds = kinds;
    }
  }

  /** An insight encoded once at start, so that its JSON library is loaded before the first one. */
  private static final InsightRecord WARM_UP =
      new InsightRecord(
          0, 0, List.of(), "", "", 0, true, "", "", false, "", 0, false, "", "", 0, 0);

  public EventStream(Vertx vertx, Journal journal) {
    this.vertx = vertx;
    this.journal = journal;
    InsightJson.of(WARM_UP).encode();
    this.keepAliveTimer =
        vertx.setPeriodic(
            KEEP_ALIVE_MS, id -> sendToAll(new Event(null, -1, ": keep-alive\n\n"), true));
  }

  /**
   * Event loop: holds the request open as an event stream.
   *
   * @throws IllegalArgumentException naming {@code kinds} or {@code Last-Event-ID} when invalid
   */
  void open(RoutingContext ctx) {
    Set<RecordKind> kinds = kinds(ctx.request().getParam("kinds"));
    String lastIdText = ctx.request().getHeader("Last-Event-ID");
    if (lastIdText == null) {
      lastIdText = ctx.request().getParam("lastEventId");
    }
    Long lastId = lastIdText == null || lastIdText.isBlank() ? null : eventId(lastIdText);
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    Client client = new Client(vertx.getOrCreateContext(), response, kinds);
    response.closeHandler(v -> clients.remove(client));
    response.write(": connected\n\n");
    if (lastId != null) {
      client.held = new ArrayList<>();
      clients.add(client);
      vertx
          .executeBlocking(() -> journal.readAfter(lastId, MAX_REPLAY), false)
          .onComplete(read -> client.context.runOnContext(v -> replay(client, read.result())));
    } else {
      clients.add(client);
    }
  }

  /** On the client's context: what it missed, then what was published meanwhile. */
  private void replay(Client client, List<Journal.Indexed> missed) {
    replayFrom(client, missed == null ? List.of() : missed, 0, -1);
  }

  /**
   * Writes the replay from record {@code next} on. Where the client's write queue is full, it goes
   * on once the queue drains: the replay is what the client asked for, sent at the pace it reads (a
   * live event it cannot keep up with cuts it off instead).
   */
  private void replayFrom(Client client, List<Journal.Indexed> missed, int next, long sentTo) {
    client.response.drainHandler(null);
    if (!clients.contains(client)) {
      return;
    }
    long lastSent = sentTo;
    for (int i = next; i < missed.size(); i++) {
      if (client.response.writeQueueFull()) {
        int at = i;
        long sent = lastSent;
        client.response.drainHandler(v -> replayFrom(client, missed, at, sent));
        return;
      }
      Journal.Indexed r = missed.get(i);
      for (Event e : events(r.queueIndex(), r.record())) {
        if (e.kind() == null || client.kinds.contains(e.kind())) {
          client.response.write(e.text());
        }
      }
      lastSent = r.queueIndex();
      replayed.incrementAndGet();
    }
    if (missed.size() == MAX_REPLAY) {
      // More than one replay holds: the client reconnects with the last id and goes on.
      client.response.write(
          "retry: 100\nevent: truncated\ndata: "
              + new JsonObject().put("lastEventId", Long.toString(lastSent)).encode()
              + "\n\n");
      clients.remove(client);
      client.response.end();
      return;
    }
    for (Event e : client.held) {
      if (e.id() > lastSent) {
        write(client, e);
      }
    }
    client.held = null;
  }

  /** Any thread: the events of one journaled record ({@code id} -1: not journaled, no id). */
  public void publish(long id, JournalRecord record) {
    if (clients.isEmpty()) {
      return;
    }
    for (Event e : events(id, record)) {
      published.incrementAndGet();
      sendToAll(e, false);
    }
  }

  private static List<Event> events(long id, JournalRecord record) {
    return switch (record) {
      case FrameRecord f -> List.of(event(RecordKind.FRAME, id, FrameJson.summary(f)));
      case TextRecord t -> List.of(); // read by /frames/{seq}/text and search, not streamed
      case JournalEvent e -> List.of(event(RecordKind.of(e), id, EventJson.of(e)));
      case InsightRecord i -> {
        JsonObject json = InsightJson.of(i);
        yield i.notice()
            ? List.of(event(RecordKind.INSIGHT, id, json), event(RecordKind.NOTICE, id, json))
            : List.of(event(RecordKind.INSIGHT, id, json));
      }
    };
  }

  private static Event event(RecordKind kind, long id, JsonObject data) {
    String idLine = id < 0 ? "" : "id: " + id + "\n";
    return new Event(
        kind, id, idLine + "event: " + kind.eventName() + "\ndata: " + data.encode() + "\n\n");
  }

  private void sendToAll(Event event, boolean toEveryone) {
    for (Client client : clients) {
      if (!toEveryone && !client.kinds.contains(event.kind())) {
        continue;
      }
      client.context.runOnContext(
          v -> {
            if (!clients.contains(client)) {
              return;
            }
            if (client.held != null) {
              if (client.held.size() == MAX_HELD) {
                cut(client);
              } else if (event.kind() != null) {
                client.held.add(event);
              }
              return;
            }
            write(client, event);
          });
    }
  }

  private void write(Client client, Event event) {
    if (event.kind() != null && !client.kinds.contains(event.kind())) {
      return;
    }
    if (client.response.writeQueueFull()) {
      cut(client);
      return;
    }
    client.response.write(event.text());
  }

  private void cut(Client client) {
    if (clients.remove(client)) {
      cutOff.incrementAndGet();
      client.response.reset();
    }
  }

  private static Set<RecordKind> kinds(String text) {
    Set<RecordKind> kinds =
        ApiParams.enumList(
            text,
            RecordKind.class,
            "kinds",
            "an event kind",
            "frame, capture, context, pressure, retention, insight or notice");
    return kinds.isEmpty() ? EnumSet.allOf(RecordKind.class) : kinds;
  }

  private static long eventId(String text) {
    try {
      long id = Long.parseLong(text.trim());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "Last-Event-ID: \"" + text + "\" is not an event id (expected the id: of an event)");
  }

  public int clients() {
    return clients.size();
  }

  public long published() {
    return published.get();
  }

  public long cutOff() {
    return cutOff.get();
  }

  /** Records sent again to clients that resumed with Last-Event-ID. */
  public long replayed() {
    return replayed.get();
  }

  @Override
  public void close() {
    vertx.cancelTimer(keepAliveTimer);
    for (Client client : clients) {
      client.context.runOnContext(v -> client.response.end());
    }
    clients.clear();
  }
}

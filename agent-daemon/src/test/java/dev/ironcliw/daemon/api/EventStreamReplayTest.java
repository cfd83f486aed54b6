package dev.ironcliw.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ironcliw.daemon.SseClient;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.dedup.Verdict;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming the event stream from far back: one replay sends at most {@link EventStream#MAX_REPLAY}
 * records, then {@code event: truncated} with the id to go on from, and ends; the client reconnects
 * from there and gets the rest, then live events.
 */
class EventStreamReplayTest {
  @TempDir Path dir;

  private static FrameRecord frame(long seq) {
    return new FrameRecord(
        seq,
        1_790_000_000_000_000_000L + seq * 100_000_000L,
        "synthetic",
        Verdict.DUPLICATE,
        false,
        0,
        64,
        64,
        seq,
        seq,
        0,
        List.of(),
        0,
        0,
        -1,
        List.of(),
        new byte[64]);
  }

  @Test
  void shouldSendAtMostOneReplayThenLetTheClientGoOnFromTheLastId() throws Exception {
    int records = EventStream.MAX_REPLAY + 50;
    Vertx vertx = Vertx.vertx();
    try (Journal journal = Journal.open(dir)) {
      EventStream stream = new EventStream(vertx, journal);
      journal.onAppend(stream::publish);
      for (long seq = 0; seq < records; seq++) {
        journal.append(frame(seq));
      }
      Router router = Router.router(vertx);
      router.get("/stream").handler(stream::open);
      HttpServer server =
          vertx
              .createHttpServer()
              .requestHandler(router)
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      URI uri = URI.create("http://127.0.0.1:" + server.actualPort() + "/stream");
      String firstId = journal.readAfter(-1, 1).getFirst().queueIndex() + "";

      String goOnFrom;
      try (SseClient first = new SseClient(uri, "unused", firstId)) {
        for (long seq = 1; seq <= EventStream.MAX_REPLAY; seq++) {
          SseClient.Event e = first.next("frame", 10);
          assertNotNull(e, "frame " + seq);
          assertEquals(seq, e.data().getLong("seq"));
        }
        SseClient.Event truncated = first.next("truncated", 10);
        assertNotNull(truncated, "the replay ends with event: truncated");
        goOnFrom = truncated.data().getString("lastEventId");
      }
      try (SseClient second = new SseClient(uri, "unused", goOnFrom)) {
        for (long seq = EventStream.MAX_REPLAY + 1; seq < records; seq++) {
          assertEquals(seq, second.next("frame", 10).data().getLong("seq"));
        }
        journal.append(frame(records)); // live, after the replay
        assertEquals(records, second.next("frame", 10).data().getLong("seq"));
        assertNull(second.next("truncated", 1));
      }
      journal.closeAppender();
      stream.close();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}

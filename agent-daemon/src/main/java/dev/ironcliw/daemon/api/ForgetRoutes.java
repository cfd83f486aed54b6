package dev.ironcliw.daemon.api;

import dev.ironcliw.config.schema.Units;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.ForgetEventRecord;
import dev.ironcliw.daemon.search.TextIndex;
import dev.ironcliw.ring.FrameRingWriter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code DELETE /api/v1/history}: forget a span of the history ({@code last=10m}, or {@code from}
 * and {@code to}), or an application's part of it ({@code app}, alone or with a span), from every
 * store: the journal's keys destroyed and its frames hidden ({@link Journal#forget}), the text
 * index's documents deleted and their segments rewritten ({@link TextIndex#forget}), the frame
 * ring's frames wiped. A span is rounded out to whole minutes, the data keys' span.
 */
public final class ForgetRoutes {
  private final Vertx vertx;
  private final Journal journal;
  private final TextIndex index;
  private final Function<FrameRingWriter.FrameFilter, CompletableFuture<Integer>> ring;

  /**
   * @param ring wipes the frames of the ring a filter names, on the capture thread
   */
  public ForgetRoutes(
      Vertx vertx,
      Journal journal,
      TextIndex index,
      Function<FrameRingWriter.FrameFilter, CompletableFuture<Integer>> ring) {
    this.vertx = vertx;
    this.journal = journal;
    this.index = index;
    this.ring = ring;
  }

  public void mount(Router router) {
    router.delete("/api/v1/history").handler(this::forget);
  }

  /** What a request asks to forget. */
  record Span(long fromNanos, long toNanos, String app) {}

  private void forget(RoutingContext ctx) {
    Span span = span(ctx, System.currentTimeMillis() * 1_000_000L);
    vertx
        .executeBlocking(() -> forget(span), false)
        .onSuccess(body -> ApiServer.json(ctx, 200, body))
        .onFailure(
            e -> {
              if (e instanceof IllegalStateException) {
                ApiError.send(ctx, 409, "not_encrypted", e.getMessage());
              } else {
                ctx.fail(e);
              }
            });
  }

  static Span span(RoutingContext ctx, long nowNanos) {
    String last = ctx.request().getParam("last");
    Long from = ApiServer.optionalTime(ctx, "from");
    Long to = ApiServer.optionalTime(ctx, "to");
    String app = ApiServer.optionalText(ctx, "app", "an application's name");
    if (last != null && (from != null || to != null)) {
      throw new IllegalArgumentException(
          "last: with from or to; give either last (such as 10m) or from and to");
    }
    if (last == null && from == null && to == null && app == null) {
      throw new IllegalArgumentException(
          "nothing to forget: give last (such as last=10m), from and to, or app");
    }
    if (last != null) {
      Duration duration;
      try {
        duration = Units.parseDuration(last);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("last: " + last + " is not " + e.getMessage(), e);
      }
      return new Span(nowNanos - duration.toNanos(), nowNanos, app);
    }
    ApiServer.checkTimeRange(from, to);
    return new Span(from == null ? 0 : from, to == null ? nowNanos : to, app);
  }

  private JsonObject forget(Span span) throws Exception {
    ForgetEventRecord event = journal.forget(span.fromNanos(), span.toNanos(), span.app());
    long documents = index.forget(event.fromNanos(), event.toNanos(), span.app());
    int ringFrames =
        ring.apply(
                (seq, capturedAt) ->
                    event.hiddenSeqs().stream().anyMatch(r -> r.contains(seq))
                        || (span.app() == null
                            && capturedAt >= event.fromNanos()
                            && capturedAt <= event.toNanos()))
            .get(10, TimeUnit.SECONDS);
    return new JsonObject()
        .put("from", FrameJson.isoTime(event.fromNanos()))
        .put("to", FrameJson.isoTime(event.toNanos()))
        .put("app", span.app())
        .put("dataKeys", event.dataKeys())
        .put("frames", event.hiddenFrames())
        .put("ringFrames", ringFrames)
        .put("indexDocuments", documents);
  }
}

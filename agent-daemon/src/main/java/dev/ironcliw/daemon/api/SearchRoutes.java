package dev.ironcliw.daemon.api;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.search.TextDocument;
import dev.ironcliw.daemon.search.TextHit;
import dev.ironcliw.daemon.search.TextIndex;
import dev.ironcliw.daemon.search.TextKind;
import dev.ironcliw.daemon.search.TextQuery;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/search}: the screen-text index ({@link TextIndex}) for words, with filters by
 * time, application, window, kind and display, best first, a page at a time.
 */
public final class SearchRoutes {
  /** The most hits one page answers. */
  static final int MAX_LIMIT = 100;

  private final Vertx vertx;
  private final TextIndex index;
  private final Journal journal;

  public SearchRoutes(Vertx vertx, TextIndex index, Journal journal) {
    this.vertx = vertx;
    this.index = index;
    this.journal = journal;
  }

  void mount(Router router) {
    router.get("/api/v1/search").handler(this::search);
  }

  private void search(RoutingContext ctx) {
    String q = ctx.request().getParam("q");
    TextQuery.checkWords(q); // before the filters: a missing q is the error to name
    int limit = ApiServer.parseLimit(ctx);
    if (limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit: "
              + limit
              + " is more than a page of search hits holds (at most "
              + MAX_LIMIT
              + ")");
    }
    Long from = ApiServer.optionalTime(ctx, "from");
    Long to = ApiServer.optionalTime(ctx, "to");
    ApiServer.checkTimeRange(from, to);
    TextQuery query =
        new TextQuery(
            q,
            from,
            to,
            ApiServer.optionalText(ctx, "app", "a filter"),
            ApiServer.optionalText(ctx, "window", "a filter"),
            kinds(ctx.request().getParam("kind")),
            ApiServer.optionalDisplay(ctx),
            limit,
            offset(ctx.request().getParam("cursor")));
    vertx
        .executeBlocking(() -> answer(query), false)
        .onSuccess(
            body ->
                ctx.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .end(body.encode()))
        .onFailure(ctx::fail);
  }

  private JsonObject answer(TextQuery query) {
    List<TextHit> hits = index.search(query);
    Map<Long, Long> capturedAt = capturedAtOf(hits);
    JsonArray results = new JsonArray();
    for (TextHit hit : hits) {
      TextDocument d = hit.document();
      Long frameCapturedAt = capturedAt.get(d.seq());
      results.add(
          new JsonObject()
              .put("seq", frameCapturedAt == null ? null : d.seq())
              .put(
                  "capturedAt", frameCapturedAt == null ? null : FrameJson.isoTime(frameCapturedAt))
              .put("firstSeen", FrameJson.isoTime(d.firstSeenNanos()))
              .put("lastSeen", FrameJson.isoTime(d.lastSeenNanos()))
              .put("display", d.display())
              .put("app", d.app())
              .put("window", d.window())
              .put("kind", d.kind().label())
              .put("text", d.text())
              .put("snippet", hit.snippet())
              .put("boxes", boxes(hit))
              .put("score", hit.score()));
    }
    String next =
        hits.size() == query.limit() ? Integer.toString(query.offset() + query.limit()) : null;
    return new JsonObject().put("results", results).put("next", next);
  }

  /**
   * When the hits' frames were captured, for those still in the journal. Most documents carry it;
   * the others' frames (titles', and those of an index written before it was kept) are looked up in
   * the order of their seqs: hits of one day then follow each other, and the journal's reader moves
   * to each day's file once (a move to another day's file costs about 0.8 ms, one within a file
   * about 0.03 ms).
   */
  private Map<Long, Long> capturedAtOf(List<TextHit> hits) {
    Map<Long, Long> capturedAt = new HashMap<>();
    long keptFrom = journal.keptFromSeq();
    List<Long> toLookUp = new ArrayList<>();
    for (TextHit hit : hits) {
      TextDocument d = hit.document();
      if (d.seq() < 0) {
        continue;
      }
      if (d.seqCapturedAtNanos() != TextDocument.UNKNOWN_TIME
          && keptFrom >= 0
          && d.seq() >= keptFrom) {
        capturedAt.put(d.seq(), d.seqCapturedAtNanos());
      } else {
        toLookUp.add(d.seq());
      }
    }
    toLookUp.stream()
        .sorted()
        .distinct()
        .forEach(seq -> journal.find(seq).ifPresent(f -> capturedAt.put(seq, f.capturedAtNanos())));
    return capturedAt;
  }

  private static JsonArray boxes(TextHit hit) {
    JsonArray boxes = new JsonArray();
    hit.boxes().forEach(b -> boxes.add(FrameTextJson.box(b)));
    return boxes;
  }

  private static Set<TextKind> kinds(String text) {
    if (text == null) {
      return Set.of();
    }
    Set<TextKind> kinds = EnumSet.noneOf(TextKind.class);
    for (String part : text.split(",", -1)) {
      kinds.add(TextKind.of(part.strip()));
    }
    return kinds;
  }

  /** The cursor of the previous page: how many hits it and the pages before it held. */
  private static int offset(String cursor) {
    if (cursor == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(cursor);
      if (offset >= 0 && offset <= 10_000) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException(
        "cursor: \""
            + (cursor.length() > 40 ? cursor.substring(0, 40) + "..." : cursor)
            + "\" is not a page of this search (expected the next of the previous page, at most"
            + " 10000 hits in)");
  }
}

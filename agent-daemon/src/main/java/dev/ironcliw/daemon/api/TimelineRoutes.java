package dev.ironcliw.daemon.api;

import dev.ironcliw.daemon.journal.ChangeTimeline;
import dev.ironcliw.daemon.journal.ChangeTimeline.Change;
import dev.ironcliw.daemon.journal.ChangeTimeline.Density;
import dev.ironcliw.daemon.journal.Journal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The timeline's routes: how many changes fell in each part of a stretch of time, per display
 * ({@code GET /api/v1/timeline}), and which change was on screen at a moment with the changes
 * either side of it ({@code GET /api/v1/timeline/moment}). Both read the journal's in-memory {@link
 * ChangeTimeline}, never the journal itself.
 */
public final class TimelineRoutes {
  static final int MAX_BUCKETS = 2000;
  private static final int DEFAULT_BUCKETS = 240;

  private final Journal journal;

  public TimelineRoutes(Journal journal) {
    this.journal = journal;
  }

  public void mount(Router router) {
    router.get("/api/v1/timeline").handler(this::density);
    router.get("/api/v1/timeline/moment").handler(this::moment);
  }

  private void density(RoutingContext ctx) {
    if (ctx.request().getParam("from") == null || ctx.request().getParam("to") == null) {
      throw new IllegalArgumentException(
          "from and to: both are required (ISO-8601 times, from before to)");
    }
    long from = ApiServer.optionalTime(ctx, "from");
    long to = ApiServer.optionalTime(ctx, "to");
    if (from >= to) {
      throw new IllegalArgumentException(
          "from: " + FrameJson.isoTime(from) + " is not before to: " + FrameJson.isoTime(to));
    }
    int buckets = buckets(ctx.request().getParam("buckets"));
    Integer only = ApiServer.optionalDisplay(ctx);
    ChangeTimeline changes = journal.changes();
    JsonArray displays = new JsonArray();
    for (int display : changes.displays()) {
      if (only != null && only != display) {
        continue;
      }
      Density density = changes.density(from, to, buckets, display);
      JsonArray counts = new JsonArray();
      JsonArray firsts = new JsonArray();
      JsonArray keyframes = new JsonArray();
      for (int i = 0; i < buckets; i++) {
        counts.add(density.changes()[i]);
        long first = density.firstSeq()[i];
        firsts.add(first < 0 ? null : first);
        keyframes.add(keyframeWithin(first, density.lastSeq()[i]));
      }
      displays.add(
          new JsonObject()
              .put("display", display)
              .put("changes", counts)
              .put("firstSeq", firsts)
              .put("keyframe", keyframes));
    }
    ApiServer.json(
        ctx,
        200,
        new JsonObject()
            .put("from", FrameJson.isoTime(from))
            .put("to", FrameJson.isoTime(to))
            .put("buckets", buckets)
            .put("bucketSeconds", (to - from) / 1e9 / buckets)
            .put("displays", displays));
  }

  /** The newest keyframe among the frames {@code first} to {@code last}, or null. */
  private Long keyframeWithin(long first, long last) {
    if (first < 0) {
      return null;
    }
    long keyframe = journal.keyframeAtOrBefore(last);
    return keyframe >= first ? keyframe : null;
  }

  private void moment(RoutingContext ctx) {
    Integer only = ApiServer.optionalDisplay(ctx);
    int display = only == null ? -1 : only;
    Long at = ApiServer.optionalTime(ctx, "at");
    String seqText = ctx.request().getParam("seq");
    Long seq = seqText == null ? null : ApiServer.parseSeq(seqText, "seq");
    if ((at == null) == (seq == null)) {
      throw new IllegalArgumentException(
          "at or seq: one is required, not both (an ISO-8601 time, or a frame's seq)");
    }
    ChangeTimeline changes = journal.changes();
    Change shown =
        at != null ? changes.atOrBefore(at, display) : changes.atOrBeforeSeq(seq, display);
    if (shown == null) {
      shown = changes.after(-1, display); // before the first change: the first
    }
    JsonObject body = new JsonObject().put("at", at == null ? null : FrameJson.isoTime(at));
    if (shown == null) {
      ApiServer.json(
          ctx, 200, body.putNull("frame").putNull("previous").putNull("next").putNull("keyframe"));
      return;
    }
    long keyframe = journal.keyframeAtOrBefore(shown.seq());
    ApiServer.json(
        ctx,
        200,
        body.put("frame", json(shown))
            .put("previous", json(changes.before(shown.seq(), display)))
            .put("next", json(changes.after(shown.seq(), display)))
            .put("keyframe", keyframe < 0 ? null : keyframe));
  }

  private static JsonObject json(Change change) {
    return change == null
        ? null
        : new JsonObject()
            .put("seq", change.seq())
            .put("capturedAt", FrameJson.isoTime(change.capturedAtNanos()))
            .put("display", change.display());
  }

  private static int buckets(String text) {
    if (text == null) {
      return DEFAULT_BUCKETS;
    }
    try {
      int buckets = Integer.parseInt(text);
      if (buckets >= 1 && buckets <= MAX_BUCKETS) {
        return buckets;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "buckets: \"" + text + "\" is not a count from 1 to " + MAX_BUCKETS);
  }
}

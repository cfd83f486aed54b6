package dev.ironcliw.daemon.status;

import dev.ironcliw.daemon.api.EventStream;
import dev.ironcliw.daemon.insight.InsightHub;
import dev.ironcliw.vision.Batcher;
import dev.ironcliw.vision.VisionStatus;
import io.vertx.core.json.JsonObject;
import java.util.TreeMap;

/**
 * Status {@code vision}: the provider, its queue, limits and breaker, what became of its replies,
 * the notices, and the event stream that carries them.
 */
public final class VisionPart implements StatusPart {
  private final Batcher batcher;
  private final InsightHub insights;
  private final EventStream stream;

  public VisionPart(Batcher batcher, InsightHub insights, EventStream stream) {
    this.batcher = batcher;
    this.insights = insights;
    this.stream = stream;
  }

  @Override
  public String key() {
    return "vision";
  }

  @Override
  public JsonObject toJson(long nowNanos) {
    VisionStatus v = batcher.provider().status();
    return new JsonObject()
        .put("provider", v.provider())
        .put("model", v.model())
        .put("description", v.description())
        .put("batchesSubmitted", v.batchesSubmitted())
        .put(
            "queue",
            new JsonObject().put("batches", v.queuedBatches()).put("bytes", v.queuedBytes()))
        .put("inFlight", v.inFlight())
        .put("batchesSent", v.batchesSent())
        .put(
            "screenText",
            new JsonObject()
                .put("batches", v.screenText().batches())
                .put("chars", v.screenText().chars())
                .put("batchesHeld", v.screenText().batchesHeld())
                .put("batchesSentUnread", v.screenText().batchesSentUnread())
                .put("imagesMasked", v.screenText().imagesMasked()))
        .put("attempts", v.attempts())
        .put("retries", v.retries())
        .put("insights", v.insights())
        .put("invalidReplies", v.invalidReplies())
        .put("failures", new JsonObject(new TreeMap<String, Object>(v.failures())))
        .put("dropped", new JsonObject(new TreeMap<String, Object>(v.dropped())))
        .put(
            "breaker",
            new JsonObject().put("state", v.breakerState()).put("timesOpened", v.breakerOpened()))
        .put(
            "budget",
            new JsonObject()
                .put("tokensToday", v.tokensToday())
                .put("dailyTokenLimit", v.dailyTokenLimit())
                .put("imagesLastHour", v.imagesLastHour())
                .put("bytesLastHour", v.bytesLastHour()))
        .put(
            "notices",
            new JsonObject()
                .put("sent", insights.noticesSent())
                .put("suppressed", insights.noticesSuppressed())
                .put("desktopNotifications", insights.desktopNotifications()))
        .put("insightJournalErrors", insights.journalErrors())
        .put(
            "stream",
            new JsonObject()
                .put("clients", stream.clients())
                .put("eventsPublished", stream.published())
                .put("recordsReplayed", stream.replayed())
                .put("clientsCutOff", stream.cutOff()));
  }
}

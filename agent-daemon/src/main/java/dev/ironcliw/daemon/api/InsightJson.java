package dev.ironcliw.daemon.api;

import dev.ironcliw.daemon.journal.record.InsightRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The API's JSON form of an insight, as listed and as streamed. */
final class InsightJson {
  private InsightJson() {}

  static JsonObject of(InsightRecord r) {
    JsonObject json =
        new JsonObject()
            .put("id", r.id())
            .put("receivedAt", FrameJson.isoTime(r.receivedAtNanos()))
            .put("frames", new JsonArray(r.frameSeqs()))
            .put("provider", r.provider())
            .put("model", r.model())
            .put("images", r.images())
            .put("valid", r.valid())
            .put("inputTokens", r.inputTokens())
            .put("outputTokens", r.outputTokens());
    if (r.valid()) {
      json.put("activity", r.activity())
          .put("app", r.app())
          .put("needsHelp", r.needsHelp())
          .put("suggestion", r.suggestion())
          .put("confidence", r.confidence())
          .put("notice", r.notice());
    } else {
      json.put("invalidReason", r.invalidReason()).put("rawReply", r.rawReply());
    }
    return json;
  }
}

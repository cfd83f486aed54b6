package dev.ironcliw.daemon.api;

import dev.ironcliw.daemon.journal.RecordKind;
import dev.ironcliw.daemon.journal.record.CaptureEventRecord;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.ForgetEventRecord;
import dev.ironcliw.daemon.journal.record.JournalEvent;
import dev.ironcliw.daemon.journal.record.PressureEventRecord;
import dev.ironcliw.daemon.journal.record.RetentionEventRecord;
import io.vertx.core.json.JsonObject;

/**
 * The API's JSON form of a journaled event: a capture pause or resume, a change of the focused
 * window, a pressure change, days deleted by retention, or a span the user had forgotten.
 */
final class EventJson {
  private EventJson() {}

  static JsonObject of(JournalEvent event) {
    JsonObject json =
        new JsonObject()
            .put("kind", RecordKind.of(event).eventName())
            .put("time", FrameJson.isoTime(event.timeNanos()));
    return switch (event) {
      case CaptureEventRecord c ->
          json.put("display", c.display()).put("paused", c.paused()).put("reason", c.reason());
      case ContextEventRecord c ->
          json.put("display", c.display())
              .put("fromSeq", c.fromSeq())
              .put("app", c.excluded() ? null : c.app())
              .put("window", c.excluded() ? null : c.window())
              .put("excluded", c.excluded());
      case PressureEventRecord p ->
          json.put("from", p.from())
              .put("to", p.to())
              .put("readings", p.readings())
              .put("actions", p.actions());
      case RetentionEventRecord r ->
          json.put("days", r.days())
              .put("bytes", r.bytes())
              .put("files", r.files())
              .put("limits", r.limits())
              .put("keptFrom", FrameJson.isoTime(r.keptFromNanos()));
      case ForgetEventRecord f ->
          json.put("from", FrameJson.isoTime(f.fromNanos()))
              .put("to", FrameJson.isoTime(f.toNanos()))
              .put("byApp", f.byApp())
              .put("dataKeys", f.dataKeys())
              .put("frames", f.hiddenFrames());
    };
  }
}

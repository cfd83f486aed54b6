package dev.ironcliw.daemon.api;

import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.daemon.journal.record.WindowName;
import dev.ironcliw.daemon.text.VisibleText;
import dev.ironcliw.ring.Rect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The text on screen in a frame ({@link VisibleText}), as {@code /frames/{seq}/text} answers it.
 */
final class FrameTextJson {
  private FrameTextJson() {}

  /**
   * @param windowOf the window a block of a read lay in ({@code Journal::windowOf})
   */
  static JsonObject of(
      FrameRecord frame,
      List<VisibleText.Line> visible,
      BiFunction<TextRecord, Integer, WindowName> windowOf) {
    JsonArray lines = new JsonArray();
    for (VisibleText.Line v : visible) {
      lines.add(line(v.line(), v.read(), windowOf.apply(v.read(), v.line().block())));
    }
    return new JsonObject()
        .put("seq", frame.seq())
        .put("capturedAt", FrameJson.isoTime(frame.capturedAtNanos()))
        .put("display", frame.display())
        .put("lines", lines);
  }

  private static JsonObject line(TextLine line, TextRecord read, WindowName window) {
    JsonArray words = new JsonArray();
    for (TextWord w : line.words()) {
      words.add(
          new JsonObject()
              .put("text", w.text())
              .put("box", box(w.box()))
              .put("confidence", w.confidence()));
    }
    return new JsonObject()
        .put("text", line.text())
        .put("box", box(line.box()))
        .put("confidence", line.confidence())
        .put("block", line.block())
        .put("app", window.app())
        .put("window", window.title())
        .put("readFromSeq", read.seq())
        .put("readAt", FrameJson.isoTime(read.capturedAtNanos()))
        .put("words", words);
  }

  static JsonArray box(Rect r) {
    return new JsonArray().add(r.x()).add(r.y()).add(r.width()).add(r.height());
  }
}

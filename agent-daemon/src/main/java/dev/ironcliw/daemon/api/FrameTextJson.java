package dev.ironcliw.daemon.api;

import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The text on screen in a frame, as {@code /frames/{seq}/text} answers it: each area of its display
 * as it was last read at or before that frame, newest first, a line kept only where no newer read
 * covered it.
 */
final class FrameTextJson {
  /** How many reads back the answer looks: areas read earlier than these are not shown. */
  static final int MAX_READS_BACK = 256;

  private FrameTextJson() {}

  /** A line on screen, and the read it came from. */
  record Visible(TextLine line, TextRecord read) {}

  /** The lines on screen in {@code frame}, from reads of its display newest first. */
  static List<Visible> visible(FrameRecord frame, List<TextRecord> newestFirst) {
    List<Rect> covered = new ArrayList<>();
    List<Visible> visible = new ArrayList<>();
    for (TextRecord read : newestFirst) {
      if (read.display() != frame.display()) {
        continue;
      }
      for (TextLine line : read.lines()) {
        if (covered.stream().noneMatch(area -> area.intersect(line.box()) != null)) {
          visible.add(new Visible(line, read));
        }
      }
      covered.add(read.area());
    }
    return visible;
  }

  static JsonObject of(FrameRecord frame, List<TextRecord> newestFirst) {
    JsonArray lines = new JsonArray();
    for (Visible v : visible(frame, newestFirst)) {
      lines.add(line(v.line(), v.read()));
    }
    return new JsonObject()
        .put("seq", frame.seq())
        .put("capturedAt", FrameJson.isoTime(frame.capturedAtNanos()))
        .put("display", frame.display())
        .put("lines", lines);
  }

  private static JsonObject line(TextLine line, TextRecord read) {
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
        .put("readFromSeq", read.seq())
        .put("readAt", FrameJson.isoTime(read.capturedAtNanos()))
        .put("words", words);
  }

  static JsonArray box(Rect r) {
    return new JsonArray().add(r.x()).add(r.y()).add(r.width()).add(r.height());
  }
}

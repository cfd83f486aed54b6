package dev.ironcliw.daemon;

import dev.ironcliw.diff.ChangedRegions.Region;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The API's JSON form of a journal record. */
final class FrameJson {
  private FrameJson() {}

  static JsonObject of(FrameRecord r) {
    JsonArray regions = new JsonArray();
    for (Region region : r.regions()) {
      regions.add(
          new JsonObject()
              .put("x", region.x())
              .put("y", region.y())
              .put("width", region.width())
              .put("height", region.height())
              .put("tiles", region.tiles()));
    }
    return new JsonObject()
        .put("seq", r.seq())
        .put("capturedAt", isoTime(r.capturedAtNanos()))
        .put("source", r.source())
        .put("verdict", r.verdict().name())
        .put("forwarded", r.forwarded())
        .put("changedTiles", r.changedTiles())
        .put("width", r.width())
        .put("height", r.height())
        .put("magnitude", Math.round(r.magnitude() * 1000) / 1000.0)
        .put("fingerprint", String.format("%016x", r.fingerprint()))
        .put("regions", regions)
        .put("display", r.display())
        .put("maskedRegions", r.maskedRegions())
        .put("damageRects", r.damageRects());
  }

  static String isoTime(long epochNanos) {
    return Instant.ofEpochSecond(
            Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L))
        .toString();
  }
}

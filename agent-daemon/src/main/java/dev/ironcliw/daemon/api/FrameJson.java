package dev.ironcliw.daemon.api;

import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.diff.ChangedRegions.Region;
import dev.ironcliw.diff.RegionFeatures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The API's JSON form of a journal record. */
final class FrameJson {
  private FrameJson() {}

  static JsonObject of(FrameRecord r) {
    JsonArray regions = new JsonArray();
    for (int i = 0; i < r.regions().size(); i++) {
      Region region = r.regions().get(i);
      JsonObject json =
          new JsonObject()
              .put("x", region.x())
              .put("y", region.y())
              .put("width", region.width())
              .put("height", region.height())
              .put("tiles", region.tiles());
      if (i < r.features().size()) {
        json.put("features", features(r.features().get(i)));
      }
      regions.add(json);
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
        .put("damageRects", r.damageRects())
        .put("descriptor", java.util.HexFormat.of().formatHex(r.descriptor()));
  }

  private static JsonObject features(RegionFeatures f) {
    JsonArray histogram = new JsonArray();
    for (int octant = 0; octant < 8; octant++) {
      histogram.add(f.histogramPercent(octant));
    }
    return new JsonObject()
        .put("meanLuma", Math.round(f.meanLuma() * 10) / 10.0)
        .put("lumaStdDev", Math.round(f.lumaStdDev() * 10) / 10.0)
        .put("edgeDensity", Math.round(f.edgeDensity() * 1000) / 1000.0)
        .put("colourOctantsPercent", histogram);
  }

  /** What the event stream sends per frame: the verdict and its size, not the regions. */
  static JsonObject summary(FrameRecord r) {
    return new JsonObject()
        .put("seq", r.seq())
        .put("capturedAt", isoTime(r.capturedAtNanos()))
        .put("display", r.display())
        .put("verdict", r.verdict().name())
        .put("forwarded", r.forwarded())
        .put("changedTiles", r.changedTiles())
        .put("magnitude", Math.round(r.magnitude() * 1000) / 1000.0);
  }

  static String isoTime(long epochNanos) {
    return Instant.ofEpochSecond(
            Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L))
        .toString();
  }
}

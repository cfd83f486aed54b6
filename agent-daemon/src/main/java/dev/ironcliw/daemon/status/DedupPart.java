package dev.ironcliw.daemon.status;

import dev.ironcliw.dedup.BloomHistory;
import dev.ironcliw.dedup.DedupSnapshot;
import dev.ironcliw.dedup.VerdictPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Status {@code dedup}: the bloom generations, volatile regions and remembered keys. */
public final class DedupPart implements StatusPart {
  private final VerdictPolicy verdicts;

  public DedupPart(VerdictPolicy verdicts) {
    this.verdicts = verdicts;
  }

  @Override
  public String key() {
    return "dedup";
  }

  /** As the pipeline published it (each second). */
  @Override
  public JsonObject toJson(long nowNanos) {
    DedupSnapshot snapshot = verdicts.snapshot();
    JsonArray generations = new JsonArray();
    for (BloomHistory.Generation g : snapshot.bloomGenerations()) {
      generations.add(
          new JsonObject()
              .put("approximateEntries", g.approximateEntries())
              .put("expectedFalsePositiveRate", g.expectedFalsePositiveRate()));
    }
    JsonArray regions = new JsonArray();
    for (DedupSnapshot.VolatileRegion r : snapshot.volatileRegions()) {
      regions.add(
          new JsonObject()
              .put("display", r.display())
              .put("x", r.bounds().x())
              .put("y", r.bounds().y())
              .put("width", r.bounds().width())
              .put("height", r.bounds().height()));
    }
    return new JsonObject()
        .put("rememberedFrames", snapshot.rememberedFrames())
        .put("rememberedTiles", snapshot.rememberedTiles())
        .put("bloomGenerations", generations)
        .put("bloomFalsePositivesCaught", verdicts.bloomFalsePositives())
        .put("volatileRegions", regions);
  }
}

package dev.ironcliw.daemon.api;

import dev.ironcliw.config.privacy.ExclusionRule;
import dev.ironcliw.config.privacy.PrivacySettings;
import dev.ironcliw.config.schema.DefaultExclusions;
import dev.ironcliw.daemon.pipeline.PipelineStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /api/v1/privacy}: every exclusion rule in force and the key it comes from (a default
 * group of {@code privacy.exclude.defaults} among them), the default groups left out, and how often
 * capture blanked something since the start.
 */
public final class PrivacyRoutes {
  private final PrivacySettings privacy;
  private final PipelineStats stats;

  /**
   * @param privacy the rules the capture started with (privacy keys apply at restart)
   * @param stats where the pipeline counts masked frames
   */
  public PrivacyRoutes(PrivacySettings privacy, PipelineStats stats) {
    this.privacy = privacy;
    this.stats = stats;
  }

  public void mount(Router router) {
    router.get("/api/v1/privacy").handler(ctx -> ApiServer.json(ctx, 200, rules()));
  }

  JsonObject rules() {
    JsonArray apps = new JsonArray();
    JsonArray titles = new JsonArray();
    for (ExclusionRule rule : privacy.rules()) {
      (rule.title() ? titles : apps)
          .add(
              new JsonObject()
                  .put(rule.title() ? "pattern" : "app", rule.value())
                  .put("from", rule.from()));
    }
    JsonArray inForce = new JsonArray();
    JsonArray leftOut = new JsonArray();
    for (DefaultExclusions group : DefaultExclusions.values()) {
      (privacy.defaults().contains(group) ? inForce : leftOut).add(group.configName());
    }
    return new JsonObject()
        .put("apps", apps)
        .put("titles", titles)
        .put("defaults", new JsonObject().put("inForce", inForce).put("leftOut", leftOut))
        .put(
            "masked",
            new JsonObject()
                .put("frames", stats.maskedFrames())
                .put("regions", stats.maskedRegions()));
  }
}

package dev.ironcliw.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ironcliw.config.ApiSettings;
import dev.ironcliw.config.privacy.PrivacySettings;
import dev.ironcliw.daemon.mcp.HttpMcpEndpoint;
import dev.ironcliw.daemon.pipeline.PipelineStats;
import dev.ironcliw.daemon.pipeline.UserPause;
import dev.ironcliw.daemon.web.PageRoutes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document served at /api/v1/openapi.yaml lists exactly the routes the API server
 * registers, method by method, and every reference in it resolves.
 */
class OpenApiDocumentTest {
  @TempDir Path dir;

  private static JsonNode document() throws Exception {
    try (InputStream in = ApiServer.class.getResourceAsStream(ApiServer.OPENAPI_RESOURCE)) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  @Test
  void shouldDocumentEveryRouteTheServerRegistersAndNoOther() throws Exception {
    JsonNode doc = document();
    TreeSet<String> documented = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      path.getValue()
          .fieldNames()
          .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    Vertx vertx = Vertx.vertx();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ApiServer api =
        new ApiServer(
            vertx,
            ApiToken.loadOrCreate(dir.resolve("api-token")),
            new BrowserSessions(Clock.systemUTC()),
            null,
            null,
            null,
            new EventStream(vertx, null),
            new ConfigRoutes(vertx, null),
            new SearchRoutes(vertx, null, null),
            metrics,
            new UserPause(vertx, null),
            new ApiSettings(
                0, "127.0.0.1", false, 100, Duration.ofSeconds(30), Duration.ofSeconds(5)))) {
      api.mountAlso(HttpMcpEndpoint.create(vertx, api::selfAddress, "test")::mount);
      api.mountAlso(new TimelineRoutes(null)::mount);
      api.mountAlso(
          new PrivacyRoutes(
                  new PrivacySettings(List.of(), List.of(), List.of()), new PipelineStats())
              ::mount);
      api.mountAlso(new ForgetRoutes(vertx, null, null, null)::mount);
      api.mountAlso(new KeyRoutes(vertx, null, null, null)::mount);
      api.mountAlso(
          new SignInRoutes(new BrowserSessions(Clock.systemUTC()), api::selfAddress, api::port)
              ::mount);
      api.mountAlso(PageRoutes.load()::mount);
      api.start(0);
      TreeSet<String> registered = new TreeSet<>(api.routes());
      assertEquals(documented, registered);
      System.out.println("documented and registered: " + registered.size() + " routes");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldResolveEveryReferenceAndGiveEveryOperationAResponse() throws Exception {
    JsonNode doc = document();
    assertTrue(doc.get("openapi").asText().startsWith("3."), "OpenAPI 3");
    TreeSet<String> refs = new TreeSet<>();
    collectRefs(doc, refs);
    for (String ref : refs) {
      assertTrue(ref.startsWith("#/"), ref);
      JsonNode target = doc.at(ref.substring(1));
      assertTrue(!target.isMissingNode(), "unresolved " + ref);
    }
    doc.get("paths")
        .forEach(
            path ->
                path.forEach(
                    op -> {
                      assertTrue(op.has("summary"), op.toString());
                      assertTrue(op.get("responses").size() > 0, op.toString());
                    }));
  }

  private static void collectRefs(JsonNode node, TreeSet<String> refs) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("$ref")) {
                  refs.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, refs));
    }
  }
}

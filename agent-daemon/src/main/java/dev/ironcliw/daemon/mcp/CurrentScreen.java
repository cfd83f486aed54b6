package dev.ironcliw.daemon.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;

/**
 * The resource {@code screen://current}: the newest frame as a PNG (its long edge at most {@link
 * ScreenTools#DEFAULT_MAX_EDGE}) and the text read on it.
 */
public final class CurrentScreen {
  public static final String URI = "screen://current";

  private CurrentScreen() {}

  public static SyncResourceSpecification specification(DaemonApi api) {
    return new SyncResourceSpecification(resource(), (exchange, request) -> read(api));
  }

  static Resource resource() {
    return Resource.builder(URI, "current screen")
        .description("The newest frame the daemon captured, as a picture, and the text read on it")
        .mimeType("image/png")
        .build();
  }

  static ReadResourceResult read(DaemonApi api) {
    long seq =
        api.getJson("/api/v1/status")
            .getJsonObject("frames", new JsonObject())
            .getLong("lastSeq", -1L);
    if (seq < 0) {
      throw new DaemonApiException(404, "The daemon has captured no frame yet.");
    }
    JsonObject frame = api.getJson("/api/v1/frames/" + seq);
    double scale =
        Math.min(
            1.0,
            (double) ScreenTools.DEFAULT_MAX_EDGE
                / Math.max(1, Math.max(frame.getLong("width"), frame.getLong("height"))));
    byte[] png = api.getBytes("/api/v1/frames/" + seq + "/image?format=png&scale=" + scale);
    String text = ScreenTools.frameText(frame, api.getJson("/api/v1/frames/" + seq + "/text"));
    return ReadResourceResult.builder(
            List.of(
                BlobResourceContents.builder(URI, Base64.getEncoder().encodeToString(png))
                    .mimeType("image/png")
                    .build(),
                TextResourceContents.builder(URI, text).mimeType("text/plain").build()))
        .build();
  }
}

package dev.ironcliw.daemon.status;

import dev.ironcliw.daemon.api.StatusReplies;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code status} and {@code health} replies: the daemon's state, then each {@link
 * StatusPart} under its key, in the order given. Thread-safe.
 */
public final class StatusReporter implements StatusReplies {
  private final long startNanos = System.nanoTime();
  private final Liveness liveness;
  private final List<StatusPart> parts;

  public StatusReporter(Liveness liveness, List<StatusPart> parts) {
    this.liveness = liveness;
    this.parts = List.copyOf(parts);
  }

  @Override
  public JsonObject health() {
    long now = System.nanoTime();
    String state = liveness.state(now);
    return new JsonObject()
        .put("healthy", liveness.healthy(state))
        .put("state", state)
        .put("lastFrameAgeMs", liveness.lastFrameAgeMs(now));
  }

  /**
   * The parts are read before the state, memory first: a pressure level in force, or a pause or a
   * lost display that a part shows, is then also in the state (which is read last, so it is never
   * older than what the parts say).
   */
  @Override
  public JsonObject status() {
    Map<String, JsonObject> read = new LinkedHashMap<>();
    for (StatusPart part : parts) {
      if (part.readFirst()) {
        read.put(part.key(), part.toJson(System.nanoTime()));
      }
    }
    for (StatusPart part : parts) {
      if (!part.readFirst()) {
        read.put(part.key(), part.toJson(System.nanoTime()));
      }
    }
    long now = System.nanoTime();
    String state = liveness.state(now);
    JsonObject reply =
        new JsonObject()
            .put("state", state)
            .put("healthy", liveness.healthy(state))
            .put("uptimeSeconds", (now - startNanos) / 1_000_000_000L);
    for (StatusPart part : parts) {
      reply.put(part.key(), read.get(part.key()));
    }
    return reply;
  }
}

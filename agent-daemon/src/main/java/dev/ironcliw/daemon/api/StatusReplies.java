package dev.ironcliw.daemon.api;

import io.vertx.core.json.JsonObject;

/** What {@code GET /api/v1/status} and {@code GET /api/v1/health} answer. Thread-safe. */
public interface StatusReplies {
  /** Every part of the daemon, as the README's status reference lists it. */
  JsonObject status();

  /** Whether the daemon is healthy, its state and the age of its last frame. */
  JsonObject health();
}

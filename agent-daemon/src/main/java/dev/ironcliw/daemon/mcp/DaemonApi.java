package dev.ironcliw.daemon.mcp;

import io.vertx.core.json.JsonObject;

/**
 * The running daemon's HTTP API as the MCP server calls it. Every failure is a {@link
 * DaemonApiException} whose message is one sentence a person (or a model) can act on.
 */
public interface DaemonApi {
  /** The JSON answer of {@code GET path} (path and query, e.g. {@code /api/v1/status}). */
  JsonObject getJson(String path);

  /** The body of {@code GET path}: an image. */
  byte[] getBytes(String path);

  /** The JSON answer of {@code POST path}, without a body. */
  JsonObject post(String path);
}

package dev.ironcliw.daemon.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes the API's JSON error: {@code {"error": {"code": "...", "message": "..."}}}. */
final class ApiError {
  private ApiError() {}

  static void send(RoutingContext ctx, int status, String code, String message) {
    send(ctx.response(), status, code, message);
  }

  static void send(HttpServerResponse response, int status, String code, String message) {
    if (response.ended()) {
      return;
    }
    response
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("error", new JsonObject().put("code", code).put("message", message))
                .encode());
  }
}
